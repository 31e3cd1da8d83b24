//! Text and pictures that report, when asked, whether they fit: a text whose
//! laid-out size is smaller than the size its words need is overflowing or
//! clipped. The render tests walk every screen with [`inspect`] and fail on
//! such texts and on pictures ([`super::picture`]) whose file is missing.

use std::any::Any;
use std::path::PathBuf;

use iced::advanced::Widget;
use iced::advanced::layout::{self, Layout};
use iced::advanced::renderer;
use iced::advanced::text::paragraph;
use iced::advanced::widget::{Operation, Tree, tree};
use iced::widget::Text;
use iced::{Element, Length, Rectangle, Size, Theme, mouse};

type Renderer = iced::Renderer;
type Paragraph = <Renderer as iced::advanced::text::Renderer>::Paragraph;

/// What a [`CheckedText`] tells an inspecting operation.
#[derive(Debug, Clone)]
pub struct TextReport {
    pub content: String,
    /// The size the words need at the width they were given.
    pub needed: Size,
    /// Where the text was laid out.
    pub bounds: Rectangle,
}

impl TextReport {
    /// Half a pixel of slack for rounding.
    pub fn overflows(&self) -> bool {
        self.needed.width > self.bounds.width + 0.5 || self.needed.height > self.bounds.height + 0.5
    }
}

/// A text widget that can say whether it fits.
pub struct CheckedText<'a> {
    text: Text<'a, Theme, Renderer>,
}

pub fn checked_text<'a, Message: 'a>(text: Text<'a, Theme, Renderer>) -> Element<'a, Message> {
    Element::new(CheckedText { text })
}

impl<Message> Widget<Message, Theme, Renderer> for CheckedText<'_> {
    fn size(&self) -> Size<Length> {
        <Text<'_, Theme, Renderer> as Widget<Message, Theme, Renderer>>::size(&self.text)
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        <Text<'_, Theme, Renderer> as Widget<Message, Theme, Renderer>>::layout(
            &mut self.text,
            tree,
            renderer,
            limits,
        )
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        <Text<'_, Theme, Renderer> as Widget<Message, Theme, Renderer>>::draw(
            &self.text, tree, renderer, theme, style, layout, cursor, viewport,
        );
    }

    fn tag(&self) -> tree::Tag {
        <Text<'_, Theme, Renderer> as Widget<Message, Theme, Renderer>>::tag(&self.text)
    }

    fn state(&self) -> tree::State {
        <Text<'_, Theme, Renderer> as Widget<Message, Theme, Renderer>>::state(&self.text)
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &Renderer,
        operation: &mut dyn Operation,
    ) {
        <Text<'_, Theme, Renderer> as Widget<Message, Theme, Renderer>>::operate(
            &mut self.text,
            tree,
            layout,
            renderer,
            operation,
        );
        let paragraph = tree.state.downcast_ref::<paragraph::Plain<Paragraph>>();
        let mut report = TextReport {
            content: paragraph.content().to_string(),
            needed: paragraph.min_bounds(),
            bounds: layout.bounds(),
        };
        operation.custom(None, layout.bounds(), &mut report as &mut dyn Any);
    }
}

/// Everything an inspection of a laid-out screen found.
#[derive(Debug, Default)]
pub struct Inspection {
    /// Texts whose words need more room than they got.
    pub overflowing: Vec<TextReport>,
    /// Texts that stick out of a container around them or of the window,
    /// outside any scrollable area (where they would be reachable).
    pub cut_off: Vec<TextReport>,
    pub missing_pictures: Vec<PathBuf>,
    pub texts: Vec<String>,
    pub pictures: usize,
}

/// An operation that walks a laid-out interface and fills an [`Inspection`].
pub struct Inspect {
    found: Inspection,
    /// Bounds of the containers around the current widget; a scrollable
    /// starts a new list, since its content may extend beyond it.
    frames: Vec<Vec<Rectangle>>,
    pending: Option<Frame>,
}

enum Frame {
    Container(Rectangle),
    Scrollable,
}

pub fn inspect(window: Rectangle) -> Inspect {
    Inspect {
        found: Inspection::default(),
        frames: vec![vec![window]],
        pending: None,
    }
}

impl Inspect {
    pub fn into_inspection(self) -> Inspection {
        self.found
    }

    fn inside_all_frames(&self, bounds: Rectangle) -> bool {
        let slack = 1.0;
        self.frames.last().is_none_or(|frames| {
            frames.iter().all(|frame| {
                bounds.x >= frame.x - slack
                    && bounds.y >= frame.y - slack
                    && bounds.x + bounds.width <= frame.x + frame.width + slack
                    && bounds.y + bounds.height <= frame.y + frame.height + slack
            })
        })
    }
}

impl Operation for Inspect {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        match self.pending.take() {
            Some(Frame::Container(bounds)) => {
                if let Some(frames) = self.frames.last_mut() {
                    frames.push(bounds);
                }
                operate(self);
                if let Some(frames) = self.frames.last_mut() {
                    frames.pop();
                }
            }
            Some(Frame::Scrollable) => {
                self.frames.push(Vec::new());
                operate(self);
                self.frames.pop();
            }
            None => operate(self),
        }
    }

    fn container(&mut self, _id: Option<&iced::advanced::widget::Id>, bounds: Rectangle) {
        self.pending = Some(Frame::Container(bounds));
    }

    fn scrollable(
        &mut self,
        _id: Option<&iced::advanced::widget::Id>,
        _bounds: Rectangle,
        _content_bounds: Rectangle,
        _translation: iced::Vector,
        _state: &mut dyn iced::advanced::widget::operation::Scrollable,
    ) {
        self.pending = Some(Frame::Scrollable);
    }

    fn custom(
        &mut self,
        _id: Option<&iced::advanced::widget::Id>,
        _bounds: Rectangle,
        state: &mut dyn Any,
    ) {
        if let Some(report) = state.downcast_ref::<TextReport>() {
            self.found.texts.push(report.content.clone());
            if report.overflows() {
                self.found.overflowing.push(report.clone());
            } else if !report.content.trim().is_empty() && !self.inside_all_frames(report.bounds) {
                self.found.cut_off.push(report.clone());
            }
        } else if let Some(report) = state.downcast_ref::<super::picture::PictureReport>() {
            self.found.pictures += 1;
            if !report.exists {
                self.found.missing_pictures.push(report.path.clone());
            }
        }
    }
}
