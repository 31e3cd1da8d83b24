//! The part of a gesture widget that only hands on to the content it
//! wraps: size, layout, drawing, its one child's tree, operations and the
//! mouse cursor. Each gesture widget adds its own `tag`, `state` and
//! `update`.

/// Expands, inside `impl Widget for X`, to the methods that delegate to
/// `self.content`, whose tree is the widget's only child.
macro_rules! delegate_to_content {
    () => {
        fn size(&self) -> ::iced::Size<::iced::Length> {
            self.content.as_widget().size()
        }

        fn layout(
            &mut self,
            tree: &mut ::iced::advanced::widget::Tree,
            renderer: &::iced::Renderer,
            limits: &::iced::advanced::layout::Limits,
        ) -> ::iced::advanced::layout::Node {
            self.content
                .as_widget_mut()
                .layout(&mut tree.children[0], renderer, limits)
        }

        fn draw(
            &self,
            tree: &::iced::advanced::widget::Tree,
            renderer: &mut ::iced::Renderer,
            theme: &::iced::Theme,
            style: &::iced::advanced::renderer::Style,
            layout: ::iced::advanced::Layout<'_>,
            cursor: ::iced::mouse::Cursor,
            viewport: &::iced::Rectangle,
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

        fn children(&self) -> Vec<::iced::advanced::widget::Tree> {
            vec![::iced::advanced::widget::Tree::new(&self.content)]
        }

        fn diff(&self, tree: &mut ::iced::advanced::widget::Tree) {
            tree.diff_children(std::slice::from_ref(&self.content));
        }

        fn operate(
            &mut self,
            tree: &mut ::iced::advanced::widget::Tree,
            layout: ::iced::advanced::Layout<'_>,
            renderer: &::iced::Renderer,
            operation: &mut dyn ::iced::advanced::widget::Operation,
        ) {
            self.content.as_widget_mut().operate(
                &mut tree.children[0],
                layout,
                renderer,
                operation,
            );
        }

        fn mouse_interaction(
            &self,
            tree: &::iced::advanced::widget::Tree,
            layout: ::iced::advanced::Layout<'_>,
            cursor: ::iced::mouse::Cursor,
            viewport: &::iced::Rectangle,
            renderer: &::iced::Renderer,
        ) -> ::iced::mouse::Interaction {
            self.content.as_widget().mouse_interaction(
                &tree.children[0],
                layout,
                cursor,
                viewport,
                renderer,
            )
        }
    };
}

pub(crate) use delegate_to_content;
