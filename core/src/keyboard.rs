//! The on-screen keyboard's layouts: the letters each language writes
//! (č š ž ć đ; ä ö ü ß; á é í ó ö ő ú ü ű), on the QWERTZ or QWERTY
//! arrangement its visitors know, and a row for e-mail addresses.

use crate::Lang;

/// What a key puts in the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    /// A whole piece of text, e.g. `.com`.
    Text(&'static str),
    Shift,
    Backspace,
    Space,
    /// Closes the keyboard.
    Done,
}

/// Rows of keys, top to bottom.
pub type Layout = Vec<Vec<Key>>;

/// The keyboard for `lang`; `email` adds the row of address parts.
pub fn layout(lang: Lang, email: bool) -> Layout {
    // As on each country's own keyboard: Hungarian puts ö ü ó beside the
    // digits and í beside y.
    let (digits, top, middle, bottom) = match lang {
        Lang::Sl => ("1234567890", "qwertzuiopšđ", "asdfghjklčćž", "yxcvbnm"),
        Lang::De => ("1234567890ß", "qwertzuiopü", "asdfghjklöä", "yxcvbnm"),
        Lang::Hu => ("1234567890öüó", "qwertzuiopőú", "asdfghjkléáű", "íyxcvbnm"),
        Lang::En => ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"),
    };
    let letters = |row: &str| row.chars().map(Key::Char).collect::<Vec<_>>();
    let mut rows = vec![letters(digits)];
    rows.push(letters(top));
    rows.push(letters(middle));
    let mut third = vec![Key::Shift];
    third.extend(letters(bottom));
    third.extend([Key::Char('-'), Key::Backspace]);
    rows.push(third);
    if email {
        rows.push(vec![
            Key::Char('@'),
            Key::Char('.'),
            Key::Char('_'),
            Key::Text(".com"),
            Key::Text(".si"),
            Key::Text(".at"),
            Key::Text(".hu"),
            Key::Text(".de"),
            Key::Done,
        ]);
    } else {
        rows.push(vec![
            Key::Char(','),
            Key::Char('.'),
            Key::Space,
            Key::Char('?'),
            Key::Char('!'),
            Key::Done,
        ]);
    }
    rows
}

/// Applies a key to `text`; `shift` capitalises letters.
pub fn apply(text: &mut String, key: Key, shift: bool) {
    match key {
        Key::Char(c) if shift => text.extend(c.to_uppercase()),
        Key::Char(c) => text.push(c),
        Key::Text(piece) => text.push_str(piece),
        Key::Space => text.push(' '),
        Key::Backspace => {
            text.pop();
        }
        Key::Shift | Key::Done => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(layout: &Layout) -> String {
        layout
            .iter()
            .flatten()
            .filter_map(|key| match key {
                Key::Char(c) => Some(*c),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_language_has_its_letters() {
        for (lang, letters) in [
            (Lang::Sl, "čšžćđ"),
            (Lang::De, "äöüß"),
            (Lang::Hu, "áéíóöőúüű"),
        ] {
            let keys = chars(&layout(lang, false));
            for letter in letters.chars() {
                assert!(keys.contains(letter), "{lang} lacks {letter}");
            }
        }
        assert!(
            layout(Lang::En, true)
                .iter()
                .flatten()
                .any(|key| *key == Key::Text(".com"))
        );
        assert!(chars(&layout(Lang::De, true)).contains('@'));
        for lang in Lang::ALL {
            assert!(
                layout(lang, false).iter().all(|row| row.len() <= 13),
                "{lang}: rows fit the screen"
            );
        }
    }

    #[test]
    fn keys_edit_the_text() {
        let mut text = String::new();
        for (key, shift) in [
            (Key::Char('ő'), true),
            (Key::Char('r'), false),
            (Key::Space, false),
            (Key::Char('@'), false),
            (Key::Text(".hu"), false),
        ] {
            apply(&mut text, key, shift);
        }
        assert_eq!(text, "Őr @.hu");
        apply(&mut text, Key::Backspace, false);
        assert_eq!(text, "Őr @.h");
        apply(&mut text, Key::Char('ß'), true);
        assert!(
            text.ends_with("SS"),
            "ß has no single capital in Unicode's simple mapping"
        );
    }
}
