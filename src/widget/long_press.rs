//! A press held still for a few seconds: the hidden gesture that opens
//! staff mode. Visitors tap; nobody holds a finger on a heading by chance.

use std::time::{Duration, Instant};

use iced::advanced::layout::Layout;
use iced::advanced::widget::{Tree, tree};
use iced::advanced::{Clipboard, Shell, Widget};
use iced::{Element, Event, Point, Rectangle, Theme, mouse, window};

use super::pointer::Pointer;

type Renderer = iced::Renderer;

pub const HOLD: Duration = Duration::from_secs(3);
/// A finger that wanders this far is not holding still.
const WANDER: f32 = 24.0;

pub struct LongPress<'a, Message> {
    content: Element<'a, Message>,
    on_hold: Message,
}

pub fn long_press<'a, Message: Clone + 'a>(
    content: impl Into<Element<'a, Message>>,
    on_hold: Message,
) -> LongPress<'a, Message> {
    LongPress {
        content: content.into(),
        on_hold,
    }
}

#[derive(Default)]
struct State {
    pressed: Option<(Instant, Point)>,
}

impl<Message: Clone> Widget<Message, Theme, Renderer> for LongPress<'_, Message> {
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
            Some(Pointer::Pressed { at, .. }) if layout.bounds().contains(at) => {
                let now = Instant::now();
                state.pressed = Some((now, at));
                // Nothing else happens while a finger rests: ask to be woken.
                shell.request_redraw_at(now + HOLD);
                return;
            }
            Some(Pointer::Released { .. } | Pointer::Lost) => state.pressed = None,
            Some(Pointer::Moved { to, .. })
                if state
                    .pressed
                    .is_some_and(|(_, start)| start.distance(to) > WANDER) =>
            {
                state.pressed = None;
            }
            _ => {}
        }
        if let Event::Window(window::Event::RedrawRequested(now)) = event
            && let Some((start, _)) = state.pressed
        {
            if now.saturating_duration_since(start) >= HOLD {
                state.pressed = None;
                shell.publish(self.on_hold.clone());
            } else {
                shell.request_redraw_at(start + HOLD);
            }
        }
    }
}

impl<'a, Message: Clone + 'a> From<LongPress<'a, Message>> for Element<'a, Message> {
    fn from(widget: LongPress<'a, Message>) -> Self {
        Element::new(widget)
    }
}
