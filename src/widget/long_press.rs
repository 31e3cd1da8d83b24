//! A press held still for a few seconds: the hidden gesture that opens
//! staff mode. Visitors tap; nobody holds a finger on a heading by chance.

use std::time::{Duration, Instant};

use iced::{Element, Event, Point, window};

use super::gesture::{Around, Gesture, Gestured, gestured};
use super::pointer::Pointer;

pub const HOLD: Duration = Duration::from_secs(3);
/// A finger that wanders this far is not holding still.
const WANDER: f32 = 24.0;

pub struct LongPress<Message> {
    on_hold: Message,
}

pub fn long_press<'a, Message: Clone + 'a>(
    content: impl Into<Element<'a, Message>>,
    on_hold: Message,
) -> Gestured<'a, Message, LongPress<Message>> {
    gestured(content, LongPress { on_hold })
}

#[derive(Default)]
pub struct Held {
    pressed: Option<(Instant, Point)>,
}

impl<Message: Clone> Gesture<Message> for LongPress<Message> {
    type State = Held;

    fn after(&self, state: &mut Held, event: &Event, around: &mut Around<'_, '_, '_, Message>) {
        match Pointer::of(event, around.cursor) {
            Some(Pointer::Pressed { at, .. }) if around.layout.bounds().contains(at) => {
                let now = Instant::now();
                state.pressed = Some((now, at));
                // Nothing else happens while a finger rests: ask to be woken.
                around.shell.request_redraw_at(now + HOLD);
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
                around.shell.publish(self.on_hold.clone());
            } else {
                around.shell.request_redraw_at(start + HOLD);
            }
        }
    }
}
