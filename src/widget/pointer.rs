//! The one pointer a gesture follows, by finger or by the mouse's left
//! button: what the kiosk's gesture widgets (long press, swipe, drag to
//! scroll) read from iced's events, read in one place.

use iced::{Event, Point, mouse, touch};

/// A step of a press, from first contact to release.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pointer {
    /// Put down at a point; `finger` is `None` for the mouse.
    Pressed {
        at: Point,
        finger: Option<touch::Finger>,
    },
    Moved {
        to: Point,
        finger: Option<touch::Finger>,
    },
    /// Lifted, where the pointer was if that is known.
    Released { at: Option<Point> },
    /// Taken away by the system (e.g. another gesture): no release.
    Lost,
}

impl Pointer {
    /// The pointer step in `event`, if it is one.
    pub fn of(event: &Event, cursor: mouse::Cursor) -> Option<Pointer> {
        Some(match event {
            Event::Touch(touch::Event::FingerPressed { id, position }) => Pointer::Pressed {
                at: *position,
                finger: Some(*id),
            },
            Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)) => Pointer::Pressed {
                at: cursor.position()?,
                finger: None,
            },
            Event::Touch(touch::Event::FingerMoved { id, position }) => Pointer::Moved {
                to: *position,
                finger: Some(*id),
            },
            Event::Mouse(mouse::Event::CursorMoved { position }) => Pointer::Moved {
                to: *position,
                finger: None,
            },
            Event::Touch(touch::Event::FingerLifted { position, .. }) => Pointer::Released {
                at: Some(*position),
            },
            Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left)) => Pointer::Released {
                at: cursor.position(),
            },
            Event::Touch(touch::Event::FingerLost { .. }) => Pointer::Lost,
            _ => return None,
        })
    }
}
