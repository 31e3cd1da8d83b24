//! A horizontal swipe over some content, by finger or by mouse drag: the
//! gallery of a town page turns with it.

use iced::{Element, Event, Point};

use super::gesture::{Around, Gesture, Gestured, gestured};
use super::pointer::Pointer;

/// Shorter drags are taps or jitter, not swipes.
const MIN_DISTANCE: f32 = 60.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The finger moved to the left: show the next item.
    Left,
    Right,
}

pub struct Swipe<'a, Message> {
    on_swipe: Box<dyn Fn(Direction) -> Message + 'a>,
}

pub fn swipe<'a, Message: 'a>(
    content: impl Into<Element<'a, Message>>,
    on_swipe: impl Fn(Direction) -> Message + 'a,
) -> Gestured<'a, Message, Swipe<'a, Message>> {
    gestured(
        content,
        Swipe {
            on_swipe: Box::new(on_swipe),
        },
    )
}

#[derive(Default)]
pub struct Started {
    at: Option<Point>,
}

impl<Message> Gesture<Message> for Swipe<'_, Message> {
    type State = Started;

    fn after(&self, state: &mut Started, event: &Event, around: &mut Around<'_, '_, '_, Message>) {
        match Pointer::of(event, around.cursor) {
            Some(Pointer::Pressed { at, .. }) => {
                state.at = around.layout.bounds().contains(at).then_some(at);
            }
            Some(Pointer::Released { at }) => {
                if let (Some(start), Some(end)) = (state.at.take(), at) {
                    self.finish(start, end, around);
                }
            }
            Some(Pointer::Lost) => state.at = None,
            Some(Pointer::Moved { .. }) | None => {}
        }
    }
}

impl<Message> Swipe<'_, Message> {
    fn finish(&self, start: Point, end: Point, around: &mut Around<'_, '_, '_, Message>) {
        let (dx, dy) = (end.x - start.x, end.y - start.y);
        // Mostly sideways, and far enough: a swipe. Anything else was a tap
        // or a vertical scroll that the content already handled.
        if dx.abs() >= MIN_DISTANCE && dx.abs() > dy.abs() * 1.5 {
            let direction = if dx < 0.0 {
                Direction::Left
            } else {
                Direction::Right
            };
            around.shell.publish((self.on_swipe)(direction));
            around.shell.capture_event();
        }
    }
}
