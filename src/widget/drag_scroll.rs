//! Scrolling by dragging anywhere, with a finger or a mouse.
//!
//! iced's scrollable only scrolls by touch when the finger lands on empty
//! space: a drag that starts on a button (a town tile, an event card) does
//! nothing, and a kiosk's lists are mostly buttons. This wrapper watches
//! drags before its content does; once a press has moved far enough
//! vertically it becomes a scroll of the first scrollable inside, and the
//! button under the finger is told the press was lost, so it does not fire.

use iced::advanced::layout::Layout;
use iced::advanced::widget::operation::Scrollable;
use iced::advanced::widget::operation::scrollable::AbsoluteOffset;
use iced::advanced::widget::{Id, Operation, Tree, tree};
use iced::advanced::{Clipboard, Shell, Widget};
use iced::{Element, Event, Point, Rectangle, Theme, Vector, mouse, touch};

use super::pointer::Pointer;

type Renderer = iced::Renderer;

/// Movement below this is a tap that trembled.
const THRESHOLD: f32 = 14.0;
/// Presses this close to the right edge are on the scrollbar.
const SCROLLBAR_ZONE: f32 = 28.0;

pub struct DragScroll<'a, Message> {
    content: Element<'a, Message>,
}

/// Wraps content holding a vertical scrollable.
pub fn drag_scroll<'a, Message: 'a>(
    content: impl Into<Element<'a, Message>>,
) -> DragScroll<'a, Message> {
    DragScroll {
        content: content.into(),
    }
}

#[derive(Default)]
struct State {
    press: Option<Press>,
}

struct Press {
    origin: Point,
    last: Point,
    dragging: bool,
    finger: Option<touch::Finger>,
}

impl<Message> Widget<Message, Theme, Renderer> for DragScroll<'_, Message> {
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
        let bounds = layout.bounds();
        let state = tree.state.downcast_mut::<State>();
        let (pressed, moved, released) = match Pointer::of(event, cursor) {
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
                self.content.as_widget_mut().update(
                    &mut tree.children[0],
                    &cancel,
                    layout,
                    mouse::Cursor::Unavailable,
                    renderer,
                    clipboard,
                    shell,
                    viewport,
                );
            }
            let state = tree.state.downcast_mut::<State>();
            if let Some(press) = state.press.as_mut().filter(|press| press.dragging) {
                let delta = press.last - position;
                press.last = position;
                scroll_first(
                    &mut self.content,
                    &mut tree.children[0],
                    layout,
                    renderer,
                    delta,
                );
                shell.invalidate_layout();
                shell.request_redraw();
                shell.capture_event();
                return;
            }
        }

        let state = tree.state.downcast_mut::<State>();
        if released && state.press.take().is_some_and(|press| press.dragging) {
            shell.capture_event();
            return;
        }

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
    }
}

/// Scrolls the first scrollable inside `content` by `delta` (vertical only).
fn scroll_first<Message>(
    content: &mut Element<'_, Message>,
    tree: &mut Tree,
    layout: Layout<'_>,
    renderer: &Renderer,
    delta: Vector,
) {
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
    content
        .as_widget_mut()
        .operate(tree, layout, renderer, &mut operation);
}

impl<'a, Message: 'a> From<DragScroll<'a, Message>> for Element<'a, Message> {
    fn from(widget: DragScroll<'a, Message>) -> Self {
        Element::new(widget)
    }
}
