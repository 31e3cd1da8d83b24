//! Scrolling by dragging anywhere, with a finger or a mouse.
//!
//! iced's scrollable only scrolls by touch when the finger lands on empty
//! space: a drag that starts on a button (a town tile, an event card) does
//! nothing, and a kiosk's lists are mostly buttons. This wrapper watches
//! drags before its content does; once a press has moved far enough
//! vertically it becomes a scroll of the first scrollable inside, and the
//! button under the finger is told the press was lost, so it does not fire.

use iced::advanced::widget::operation::Scrollable;
use iced::advanced::widget::operation::scrollable::AbsoluteOffset;
use iced::advanced::widget::{Id, Operation};
use iced::{Element, Event, Point, Rectangle, Vector, mouse, touch};

use super::gesture::{Around, Flow, Gesture, Gestured, gestured};
use super::pointer::Pointer;

/// Movement below this is a tap that trembled.
const THRESHOLD: f32 = 14.0;
/// Presses this close to the right edge are on the scrollbar.
const SCROLLBAR_ZONE: f32 = 28.0;

pub struct DragScroll;

/// Wraps content holding a vertical scrollable.
pub fn drag_scroll<'a, Message: 'a>(
    content: impl Into<Element<'a, Message>>,
) -> Gestured<'a, Message, DragScroll> {
    gestured(content, DragScroll)
}

#[derive(Default)]
pub struct Pressed {
    press: Option<Press>,
}

struct Press {
    origin: Point,
    last: Point,
    dragging: bool,
    finger: Option<touch::Finger>,
}

impl<Message> Gesture<Message> for DragScroll {
    type State = Pressed;

    /// Before the content: a drag is the list's, not the button's.
    fn before(
        &self,
        state: &mut Pressed,
        event: &Event,
        around: &mut Around<'_, '_, '_, Message>,
    ) -> Flow {
        let bounds = around.layout.bounds();
        let (pressed, moved, released) = match Pointer::of(event, around.cursor) {
            Some(Pointer::Pressed { at, finger }) => (Some((at, finger)), None, false),
            // Only the pointer that pressed moves the list.
            Some(Pointer::Moved { to, finger })
                if state.press.as_ref().is_some_and(|p| p.finger == finger) =>
            {
                (None, Some(to), false)
            }
            Some(Pointer::Released { .. } | Pointer::Lost) => (None, None, true),
            _ => (None, None, false),
        };

        if let Some((position, finger)) = pressed
            && bounds.contains(position)
            && position.x < bounds.x + bounds.width - SCROLLBAR_ZONE
        {
            state.press = Some(Press {
                origin: position,
                last: position,
                dragging: false,
                finger,
            });
        }

        if let (Some(position), Some(press)) = (moved, state.press.as_mut()) {
            let travelled = position - press.origin;
            if !press.dragging
                && travelled.y.abs() > THRESHOLD
                && travelled.y.abs() > travelled.x.abs()
            {
                press.dragging = true;
                press.last = press.origin;
                // Whatever the finger landed on must not fire on release.
                let cancel = match press.finger {
                    Some(id) => Event::Touch(touch::Event::FingerLost { id, position }),
                    None => Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left)),
                };
                around.update_content(&cancel, mouse::Cursor::Unavailable);
            }
            if press.dragging {
                let delta = press.last - position;
                press.last = position;
                scroll_first(around, delta);
                around.shell.invalidate_layout();
                around.shell.request_redraw();
                around.shell.capture_event();
                return Flow::Taken;
            }
        }

        if released && state.press.take().is_some_and(|press| press.dragging) {
            around.shell.capture_event();
            return Flow::Taken;
        }
        Flow::Pass
    }
}

/// Scrolls the first scrollable inside the content by `delta` (vertical only).
fn scroll_first<Message>(around: &mut Around<'_, '_, '_, Message>, delta: Vector) {
    struct ScrollFirst {
        delta: f32,
        done: bool,
    }
    impl Operation for ScrollFirst {
        fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
            if !self.done {
                operate(self);
            }
        }

        fn scrollable(
            &mut self,
            _id: Option<&Id>,
            bounds: Rectangle,
            content_bounds: Rectangle,
            _translation: Vector,
            state: &mut dyn Scrollable,
        ) {
            if !self.done {
                state.scroll_by(
                    AbsoluteOffset {
                        x: 0.0,
                        y: self.delta,
                    },
                    bounds,
                    content_bounds,
                );
                self.done = true;
            }
        }
    }
    let mut operation = ScrollFirst {
        delta: delta.y,
        done: false,
    };
    around.operate_content(&mut operation);
}
