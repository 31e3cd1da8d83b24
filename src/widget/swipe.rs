//! A horizontal swipe over some content, by finger or by mouse drag: the
//! gallery of a town page turns with it.

use iced::advanced::layout::Layout;
use iced::advanced::widget::{Tree, tree};
use iced::advanced::{Clipboard, Shell, Widget};
use iced::{Element, Event, Point, Rectangle, Theme, mouse};

use super::pointer::Pointer;

type Renderer = iced::Renderer;

/// Shorter drags are taps or jitter, not swipes.
const MIN_DISTANCE: f32 = 60.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The finger moved to the left: show the next item.
    Left,
    Right,
}

pub struct Swipe<'a, Message> {
    content: Element<'a, Message>,
    on_swipe: Box<dyn Fn(Direction) -> Message + 'a>,
}

pub fn swipe<'a, Message: 'a>(
    content: impl Into<Element<'a, Message>>,
    on_swipe: impl Fn(Direction) -> Message + 'a,
) -> Swipe<'a, Message> {
    Swipe {
        content: content.into(),
        on_swipe: Box::new(on_swipe),
    }
}

#[derive(Default)]
struct State {
    started_at: Option<Point>,
}

impl<Message> Widget<Message, Theme, Renderer> for Swipe<'_, Message> {
    super::wrapper::delegate_to_content!();

    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<State>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(State::default())
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        viewport: &Rectangle,
    ) {
        self.content.as_widget_mut().update(
            &mut tree.children[0],
            event,
            layout,
            cursor,
            renderer,
            clipboard,
            shell,
            viewport,
        );
        let state = tree.state.downcast_mut::<State>();
        match Pointer::of(event, cursor) {
            Some(Pointer::Pressed { at, .. }) => {
                state.started_at = layout.bounds().contains(at).then_some(at);
            }
            Some(Pointer::Released { at }) => {
                if let (Some(start), Some(end)) = (state.started_at.take(), at) {
                    self.finish(start, end, shell);
                }
            }
            Some(Pointer::Lost) => state.started_at = None,
            Some(Pointer::Moved { .. }) | None => {}
        }
    }
}

impl<Message> Swipe<'_, Message> {
    fn finish(&self, start: Point, end: Point, shell: &mut Shell<'_, Message>) {
        let (dx, dy) = (end.x - start.x, end.y - start.y);
        // Mostly sideways, and far enough: a swipe. Anything else was a tap
        // or a vertical scroll that the content already handled.
        if dx.abs() >= MIN_DISTANCE && dx.abs() > dy.abs() * 1.5 {
            let direction = if dx < 0.0 {
                Direction::Left
            } else {
                Direction::Right
            };
            shell.publish((self.on_swipe)(direction));
            shell.capture_event();
        }
    }
}

impl<'a, Message: 'a> From<Swipe<'a, Message>> for Element<'a, Message> {
    fn from(swipe: Swipe<'a, Message>) -> Self {
        Element::new(swipe)
    }
}
