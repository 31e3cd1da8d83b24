//! The one widget behind the kiosk's gestures (long press, swipe, drag to
//! scroll): it wraps some content, hands it size, layout, drawing and
//! operations unchanged, and lets a [`Gesture`] see each event before and
//! after the content does. A gesture is only its rule and its state.

use iced::advanced::layout::{Layout, Limits, Node};
use iced::advanced::renderer;
use iced::advanced::widget::{Operation, Tree, tree};
use iced::advanced::{Clipboard, Shell, Widget};
use iced::{Element, Event, Length, Rectangle, Size, Theme, mouse};

type Renderer = iced::Renderer;

/// Whether the content gets an event the gesture has seen.
pub enum Flow {
    Pass,
    /// The gesture took it (a drag became a scroll): the content never
    /// sees it.
    Taken,
}

/// A gesture's rule. Both methods do nothing unless a gesture says so.
pub trait Gesture<Message> {
    /// What the gesture remembers between events (where a press began).
    type State: Default + 'static;

    /// Sees an event before the content.
    fn before(
        &self,
        _state: &mut Self::State,
        _event: &Event,
        _around: &mut Around<'_, '_, '_, Message>,
    ) -> Flow {
        Flow::Pass
    }

    /// Sees an event after the content did.
    fn after(
        &self,
        _state: &mut Self::State,
        _event: &Event,
        _around: &mut Around<'_, '_, '_, Message>,
    ) {
    }
}

/// The wrapped content and what iced handed the widget with the event.
pub struct Around<'s, 'a, 'sh, Message> {
    pub content: &'s mut Element<'a, Message>,
    /// The content's tree.
    pub tree: &'s mut Tree,
    pub layout: Layout<'s>,
    pub cursor: mouse::Cursor,
    pub renderer: &'s Renderer,
    pub clipboard: &'s mut dyn Clipboard,
    pub shell: &'s mut Shell<'sh, Message>,
    pub viewport: &'s Rectangle,
}

impl<Message> Around<'_, '_, '_, Message> {
    /// Hands `event` to the content, as if the pointer were at `cursor`.
    pub fn update_content(&mut self, event: &Event, cursor: mouse::Cursor) {
        self.content.as_widget_mut().update(
            self.tree,
            event,
            self.layout,
            cursor,
            self.renderer,
            self.clipboard,
            self.shell,
            self.viewport,
        );
    }

    pub fn operate_content(&mut self, operation: &mut dyn Operation) {
        self.content
            .as_widget_mut()
            .operate(self.tree, self.layout, self.renderer, operation);
    }
}

/// Content with a gesture.
pub struct Gestured<'a, Message, G> {
    content: Element<'a, Message>,
    gesture: G,
}

pub fn gestured<'a, Message, G: Gesture<Message>>(
    content: impl Into<Element<'a, Message>>,
    gesture: G,
) -> Gestured<'a, Message, G> {
    Gestured {
        content: content.into(),
        gesture,
    }
}

impl<Message, G: Gesture<Message>> Widget<Message, Theme, Renderer> for Gestured<'_, Message, G> {
    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<G::State>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(G::State::default())
    }

    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.content)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.content));
    }

    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn layout(&mut self, tree: &mut Tree, renderer: &Renderer, limits: &Limits) -> Node {
        self.content
            .as_widget_mut()
            .layout(&mut tree.children[0], renderer, limits)
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
        self.content.as_widget().draw(
            &tree.children[0],
            renderer,
            theme,
            style,
            layout,
            cursor,
            viewport,
        );
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &Renderer,
        operation: &mut dyn Operation,
    ) {
        self.content
            .as_widget_mut()
            .operate(&mut tree.children[0], layout, renderer, operation);
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &Renderer,
    ) -> mouse::Interaction {
        self.content.as_widget().mouse_interaction(
            &tree.children[0],
            layout,
            cursor,
            viewport,
            renderer,
        )
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
        let state = tree.state.downcast_mut::<G::State>();
        let mut around = Around {
            content: &mut self.content,
            tree: &mut tree.children[0],
            layout,
            cursor,
            renderer,
            clipboard,
            shell,
            viewport,
        };
        if let Flow::Pass = self.gesture.before(state, event, &mut around) {
            around.update_content(event, cursor);
            self.gesture.after(state, event, &mut around);
        }
    }
}

impl<'a, Message: 'a, G: Gesture<Message> + 'a> From<Gestured<'a, Message, G>>
    for Element<'a, Message>
{
    fn from(widget: Gestured<'a, Message, G>) -> Self {
        Element::new(widget)
    }
}
