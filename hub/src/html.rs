//! The HTML document every page and mail of the hub is: the doctype, the
//! reader's language, UTF-8, a phone-sized viewport and the title; what
//! goes into the head besides (a page's stylesheet) and the body is the
//! caller's.

use city_core::Lang;
use maud::{DOCTYPE, Markup, html};

pub fn document(lang: Lang, title: &str, head: Markup, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                (head)
            }
            body { (body) }
        }
    }
}
