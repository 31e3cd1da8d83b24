use crate::Primitive;
use crate::blend::{self, Clip, PixelRect};
use crate::core::renderer::Quad;
use crate::core::{
    Background, Color, Gradient, Rectangle, Size, Transformation, Vector,
};
use crate::graphics::{Image, Text};
use crate::text;

#[derive(Debug)]
pub struct Engine {
    text_pipeline: text::Pipeline,

    #[cfg(feature = "image")]
    pub(crate) raster_pipeline: crate::raster::Pipeline,
    #[cfg(feature = "svg")]
    pub(crate) vector_pipeline: crate::vector::Pipeline,

    /// The clip rectangle last filled into a clip mask, and which mask
    /// that was. Only this engine writes to the masks it is given (each
    /// window's surface has its own, a screenshot a new one), so it holds
    /// that rectangle until the engine fills another.
    mask_holds: Option<(Rectangle, MaskIdentity)>,
}

impl Engine {
    pub fn new() -> Self {
        Self {
            text_pipeline: text::Pipeline::new(),
            #[cfg(feature = "image")]
            raster_pipeline: crate::raster::Pipeline::new(),
            #[cfg(feature = "svg")]
            vector_pipeline: crate::vector::Pipeline::new(),
            mask_holds: None,
        }
    }

    /// Makes the clip mask hold `bounds`, as clearing and filling it does,
    /// but without clearing the whole mask: the same bounds again cost
    /// nothing, other bounds clear only the rows and columns the last ones
    /// filled, from one frame to the next too. Everything drawn across the
    /// edge of its layer, group or paragraph's clip sets the mask, and a
    /// full clear is 2 MB at 1080p (30 times a second under a film).
    pub fn clip_to(
        &mut self,
        clip_mask: &mut tiny_skia::Mask,
        bounds: Rectangle,
    ) {
        let identity = MaskIdentity::of(clip_mask);

        match self.mask_holds {
            Some((held, holder)) if holder == identity => {
                if held == bounds {
                    return;
                }

                clear_around(clip_mask, held);
            }
            // Another mask, or a new one where an old one was (then
            // clear already, and cleared again).
            _ => clip_mask.clear(),
        }

        fill_clip_rect(clip_mask, bounds);
        self.mask_holds = Some((bounds, identity));
    }

    /// The mask to draw what covers `physical_bounds` through: none when
    /// it lies within `clip_bounds`, else the mask made to hold them. The
    /// mask is filled only here, when something is drawn through it: a
    /// layer's bounds (a film's 1550x872 region) would otherwise be filled
    /// and cleared in the mask every frame for nothing.
    fn mask_for<'a>(
        &mut self,
        clip_mask: &'a mut tiny_skia::Mask,
        physical_bounds: Rectangle,
        clip_bounds: Rectangle,
    ) -> Option<&'a tiny_skia::Mask> {
        if physical_bounds.is_within(&clip_bounds) {
            return None;
        }

        self.clip_to(clip_mask, clip_bounds);
        Some(clip_mask)
    }

    /// Where text inside `clip_bounds` may be drawn: everywhere when it is
    /// `within` them, whole pixels without touching the mask when they lie
    /// on pixels' edges, else the mask made to hold them.
    fn text_clip<'a>(
        &mut self,
        clip_mask: &'a mut tiny_skia::Mask,
        clip_bounds: Rectangle,
        within: bool,
    ) -> Clip<'a> {
        if within {
            return Clip::Everywhere;
        }

        if let Some(rect) = PixelRect::of(clip_bounds) {
            return Clip::Rect(rect);
        }

        self.clip_to(clip_mask, clip_bounds);
        Clip::Mask(clip_mask)
    }

    pub fn draw_quad(
        &mut self,
        quad: &Quad,
        background: &Background,
        transformation: Transformation,
        pixels: &mut tiny_skia::PixmapMut<'_>,
        clip_mask: &mut tiny_skia::Mask,
        clip_bounds: Rectangle,
    ) {
        let physical_bounds = quad.bounds * transformation;

        if !clip_bounds.intersects(&physical_bounds) {
            return;
        }

        if fill_plain_rectangle(quad, background, physical_bounds, clip_bounds, pixels) {
            return;
        }

        let clip_mask = self.mask_for(clip_mask, physical_bounds, clip_bounds);

        let transform = into_transform(transformation);

        // Make sure the border radius is not larger than the bounds
        let border_width = quad
            .border
            .width
            .min(quad.bounds.width / 2.0)
            .min(quad.bounds.height / 2.0);

        let mut fill_border_radius = <[f32; 4]>::from(quad.border.radius);

        for radius in &mut fill_border_radius {
            *radius = (*radius)
                .min(quad.bounds.width / 2.0)
                .min(quad.bounds.height / 2.0);
        }

        // Through the mask, tiny-skia works over the whole shape: a long
        // rail cut by a small damaged area (a film's scrubber, 30 times a
        // second) costs the whole rail. Only its part near the clip is
        // filled then, with the same pixels inside the clip.
        let path = match clip_mask {
            Some(_) => {
                let (bounds, radii) = trimmed_to_clip(
                    quad.bounds,
                    fill_border_radius,
                    transformation.scale_factor(),
                    clip_bounds,
                );
                rounded_rectangle(bounds, radii)
            }
            None => rounded_rectangle(quad.bounds, fill_border_radius),
        };

        let shadow = quad.shadow;

        if shadow.color.a > 0.0 {
            let shadow_bounds = Rectangle {
                x: quad.bounds.x + shadow.offset.x - shadow.blur_radius,
                y: quad.bounds.y + shadow.offset.y - shadow.blur_radius,
                width: quad.bounds.width + shadow.blur_radius * 2.0,
                height: quad.bounds.height + shadow.blur_radius * 2.0,
            } * transformation;

            let radii = fill_border_radius
                .into_iter()
                .map(|radius| radius * transformation.scale_factor())
                .collect::<Vec<_>>();
            let (x, y, width, height) = (
                shadow_bounds.x as u32,
                shadow_bounds.y as u32,
                shadow_bounds.width as u32,
                shadow_bounds.height as u32,
            );
            let half_width = physical_bounds.width / 2.0;
            let half_height = physical_bounds.height / 2.0;

            let colors = (y..y + height)
                .flat_map(|y| (x..x + width).map(move |x| (x as f32, y as f32)))
                .filter_map(|(x, y)| {
                    tiny_skia::Size::from_wh(half_width, half_height).map(
                        |size| {
                            let shadow_distance = rounded_box_sdf(
                                Vector::new(
                                    x - physical_bounds.position().x
                                        - (shadow.offset.x
                                            * transformation.scale_factor())
                                        - half_width,
                                    y - physical_bounds.position().y
                                        - (shadow.offset.y
                                            * transformation.scale_factor())
                                        - half_height,
                                ),
                                size,
                                &radii,
                            )
                            .max(0.0);
                            let shadow_alpha = 1.0
                                - smoothstep(
                                    -shadow.blur_radius
                                        * transformation.scale_factor(),
                                    shadow.blur_radius
                                        * transformation.scale_factor(),
                                    shadow_distance,
                                );

                            let mut color = into_color(shadow.color);
                            color.apply_opacity(shadow_alpha);

                            color.to_color_u8().premultiply()
                        },
                    )
                })
                .collect();

            if let Some(pixmap) = tiny_skia::IntSize::from_wh(width, height)
                .and_then(|size| {
                    tiny_skia::Pixmap::from_vec(
                        bytemuck::cast_vec(colors),
                        size,
                    )
                })
            {
                pixels.draw_pixmap(
                    x as i32,
                    y as i32,
                    pixmap.as_ref(),
                    &tiny_skia::PixmapPaint::default(),
                    tiny_skia::Transform::default(),
                    None,
                );
            }
        }

        let filled_in_bands = match background {
            Background::Color(color) if clip_mask.is_none() => {
                fill_rounded_in_bands(
                    &path,
                    into_color(*color),
                    transform,
                    physical_bounds,
                    fill_border_radius
                        .map(|radius| radius * transformation.scale_factor()),
                    pixels,
                )
            }
            _ => false,
        };

        if !filled_in_bands {
            pixels.fill_path(
                &path,
                &tiny_skia::Paint {
                    shader: match background {
                        Background::Color(color) => {
                            tiny_skia::Shader::SolidColor(into_color(*color))
                        }
                        Background::Gradient(Gradient::Linear(linear)) => {
                            let (start, end) =
                                linear.angle.to_distance(&quad.bounds);

                            let stops: Vec<tiny_skia::GradientStop> = linear
                                .stops
                                .into_iter()
                                .flatten()
                                .map(|stop| {
                                    tiny_skia::GradientStop::new(
                                        stop.offset,
                                        tiny_skia::Color::from_rgba(
                                            stop.color.b,
                                            stop.color.g,
                                            stop.color.r,
                                            stop.color.a,
                                        )
                                        .expect("Create color"),
                                    )
                                })
                                .collect();

                            tiny_skia::LinearGradient::new(
                                tiny_skia::Point {
                                    x: start.x,
                                    y: start.y,
                                },
                                tiny_skia::Point { x: end.x, y: end.y },
                                if stops.is_empty() {
                                    vec![tiny_skia::GradientStop::new(
                                        0.0,
                                        tiny_skia::Color::BLACK,
                                    )]
                                } else {
                                    stops
                                },
                                tiny_skia::SpreadMode::Pad,
                                tiny_skia::Transform::identity(),
                            )
                            .expect("Create linear gradient")
                        }
                    },
                    anti_alias: true,
                    ..tiny_skia::Paint::default()
                },
                tiny_skia::FillRule::EvenOdd,
                transform,
                clip_mask,
            );
        }

        if border_width > 0.0 {
            // Border path is offset by half the border width
            let border_bounds = Rectangle {
                x: quad.bounds.x + border_width / 2.0,
                y: quad.bounds.y + border_width / 2.0,
                width: quad.bounds.width - border_width,
                height: quad.bounds.height - border_width,
            };

            // Make sure the border radius is correct
            let mut border_radius = <[f32; 4]>::from(quad.border.radius);
            let mut is_simple_border = true;

            for radius in &mut border_radius {
                *radius = if *radius == 0.0 {
                    // Path should handle this fine
                    0.0
                } else if *radius > border_width / 2.0 {
                    *radius - border_width / 2.0
                } else {
                    is_simple_border = false;
                    0.0
                }
                .min(border_bounds.width / 2.0)
                .min(border_bounds.height / 2.0);
            }

            // Stroking a path works well in this case
            if is_simple_border {
                let border_path =
                    rounded_rectangle(border_bounds, border_radius);

                pixels.stroke_path(
                    &border_path,
                    &tiny_skia::Paint {
                        shader: tiny_skia::Shader::SolidColor(into_color(
                            quad.border.color,
                        )),
                        anti_alias: true,
                        ..tiny_skia::Paint::default()
                    },
                    &tiny_skia::Stroke {
                        width: border_width,
                        ..tiny_skia::Stroke::default()
                    },
                    transform,
                    clip_mask,
                );
            } else {
                // Draw corners that have too small border radii as having no border radius,
                // but mask them with the rounded rectangle with the correct border radius.
                let mut temp_pixmap = tiny_skia::Pixmap::new(
                    quad.bounds.width as u32,
                    quad.bounds.height as u32,
                )
                .unwrap();

                let mut quad_mask = tiny_skia::Mask::new(
                    quad.bounds.width as u32,
                    quad.bounds.height as u32,
                )
                .unwrap();

                let zero_bounds = Rectangle {
                    x: 0.0,
                    y: 0.0,
                    width: quad.bounds.width,
                    height: quad.bounds.height,
                };
                let path = rounded_rectangle(zero_bounds, fill_border_radius);

                quad_mask.fill_path(
                    &path,
                    tiny_skia::FillRule::EvenOdd,
                    true,
                    transform,
                );
                let path_bounds = Rectangle {
                    x: border_width / 2.0,
                    y: border_width / 2.0,
                    width: quad.bounds.width - border_width,
                    height: quad.bounds.height - border_width,
                };

                let border_radius_path =
                    rounded_rectangle(path_bounds, border_radius);

                temp_pixmap.stroke_path(
                    &border_radius_path,
                    &tiny_skia::Paint {
                        shader: tiny_skia::Shader::SolidColor(into_color(
                            quad.border.color,
                        )),
                        anti_alias: true,
                        ..tiny_skia::Paint::default()
                    },
                    &tiny_skia::Stroke {
                        width: border_width,
                        ..tiny_skia::Stroke::default()
                    },
                    transform,
                    Some(&quad_mask),
                );

                pixels.draw_pixmap(
                    quad.bounds.x as i32,
                    quad.bounds.y as i32,
                    temp_pixmap.as_ref(),
                    &tiny_skia::PixmapPaint::default(),
                    transform,
                    clip_mask,
                );
            }
        }
    }

    pub fn draw_text(
        &mut self,
        text: &Text,
        transformation: Transformation,
        pixels: &mut tiny_skia::PixmapMut<'_>,
        clip_mask: &mut tiny_skia::Mask,
        clip_bounds: Rectangle,
    ) {
        match text {
            Text::Paragraph {
                paragraph,
                position,
                color,
                clip_bounds: local_clip_bounds,
                transformation: local_transformation,
            } => {
                let transformation = transformation * *local_transformation;
                let Some(clip_bounds) = clip_bounds
                    .intersection(&(*local_clip_bounds * transformation))
                else {
                    return;
                };

                let physical_bounds =
                    Rectangle::new(*position, paragraph.min_bounds)
                        * transformation;

                if !clip_bounds.intersects(&physical_bounds) {
                    return;
                }

                let clip = self.text_clip(
                    clip_mask,
                    clip_bounds,
                    physical_bounds.is_within(&clip_bounds),
                );

                self.text_pipeline.draw_paragraph(
                    paragraph,
                    *position,
                    *color,
                    pixels,
                    clip,
                    transformation,
                );
            }
            Text::Editor {
                editor,
                position,
                color,
                clip_bounds: local_clip_bounds,
                transformation: local_transformation,
            } => {
                let transformation = transformation * *local_transformation;
                let Some(clip_bounds) = clip_bounds
                    .intersection(&(*local_clip_bounds * transformation))
                else {
                    return;
                };

                let physical_bounds =
                    Rectangle::new(*position, editor.bounds) * transformation;

                if !clip_bounds.intersects(&physical_bounds) {
                    return;
                }

                let clip = self.text_clip(
                    clip_mask,
                    clip_bounds,
                    physical_bounds.is_within(&clip_bounds),
                );

                self.text_pipeline.draw_editor(
                    editor,
                    *position,
                    *color,
                    pixels,
                    clip,
                    transformation,
                );
            }
            Text::Cached {
                content,
                bounds,
                color,
                size,
                line_height,
                font,
                align_x,
                align_y,
                shaping,
                clip_bounds: local_clip_bounds,
            } => {
                let physical_bounds = *local_clip_bounds * transformation;

                if !clip_bounds.intersects(&physical_bounds) {
                    return;
                }

                let clip = self.text_clip(
                    clip_mask,
                    clip_bounds,
                    physical_bounds.is_within(&clip_bounds),
                );

                self.text_pipeline.draw_cached(
                    content,
                    *bounds,
                    *color,
                    *size,
                    *line_height,
                    *font,
                    *align_x,
                    *align_y,
                    *shaping,
                    pixels,
                    clip,
                    transformation,
                );
            }
            Text::Raw {
                raw,
                transformation: local_transformation,
            } => {
                let Some(buffer) = raw.buffer.upgrade() else {
                    return;
                };

                let transformation = transformation * *local_transformation;
                let (width, height) = buffer.size();

                let physical_bounds = Rectangle::new(
                    raw.position,
                    Size::new(
                        width.unwrap_or(clip_bounds.width),
                        height.unwrap_or(clip_bounds.height),
                    ),
                ) * transformation;

                if !clip_bounds.intersects(&physical_bounds) {
                    return;
                }

                let clip = match physical_bounds.is_within(&clip_bounds) {
                    true => Clip::Everywhere,
                    false => {
                        self.clip_to(clip_mask, clip_bounds);
                        Clip::Mask(clip_mask)
                    }
                };

                self.text_pipeline.draw_raw(
                    &buffer,
                    raw.position,
                    raw.color,
                    pixels,
                    clip,
                    transformation,
                );
            }
        }
    }

    pub fn draw_primitive(
        &mut self,
        primitive: &Primitive,
        transformation: Transformation,
        pixels: &mut tiny_skia::PixmapMut<'_>,
        clip_mask: &mut tiny_skia::Mask,
        clip_bounds: Rectangle,
    ) {
        match primitive {
            Primitive::Fill { path, paint, rule } => {
                let physical_bounds = {
                    let bounds = path.bounds();

                    Rectangle {
                        x: bounds.x(),
                        y: bounds.y(),
                        width: bounds.width(),
                        height: bounds.height(),
                    } * transformation
                };

                if !clip_bounds.intersects(&physical_bounds) {
                    return;
                }

                let clip_mask =
                    self.mask_for(clip_mask, physical_bounds, clip_bounds);

                pixels.fill_path(
                    path,
                    paint,
                    *rule,
                    into_transform(transformation),
                    clip_mask,
                );
            }
            Primitive::Stroke {
                path,
                paint,
                stroke,
            } => {
                let physical_bounds = {
                    let bounds = path.bounds();

                    Rectangle {
                        x: bounds.x() - stroke.width / 2.0,
                        y: bounds.y() - stroke.width / 2.0,
                        width: bounds.width() + stroke.width,
                        height: bounds.height() + stroke.width,
                    } * transformation
                };

                if !clip_bounds.intersects(&physical_bounds) {
                    return;
                }

                let clip_mask =
                    self.mask_for(clip_mask, physical_bounds, clip_bounds);

                pixels.stroke_path(
                    path,
                    paint,
                    stroke,
                    into_transform(transformation),
                    clip_mask,
                );
            }
        }
    }

    pub fn draw_image(
        &mut self,
        image: &Image,
        _transformation: Transformation,
        _pixels: &mut tiny_skia::PixmapMut<'_>,
        _clip_mask: &mut tiny_skia::Mask,
        _clip_bounds: Rectangle,
    ) {
        match image {
            #[cfg(feature = "image")]
            Image::Raster { image, bounds, .. } => {
                let physical_bounds = *bounds * _transformation;

                if !_clip_bounds.intersects(&physical_bounds) {
                    return;
                }

                let radians = f32::from(image.rotation);

                // An opaque picture at its own size (a film frame, a
                // picture scaled beforehand) is copied, not blended.
                if radians == 0.0
                    && image.opacity >= 1.0
                    && self.raster_pipeline.copy_opaque(
                        &image.handle,
                        physical_bounds,
                        _clip_bounds,
                        _pixels,
                    )
                {
                    return;
                }

                let within = physical_bounds.is_within(&_clip_bounds);

                // At its own size, moved by whole pixels: blended pixel by
                // pixel, inside the clip's whole pixels if it needs one.
                if radians == 0.0 {
                    let clip = match within {
                        true => Some(None),
                        false => PixelRect::of(_clip_bounds).map(Some),
                    };

                    if let Some(clip) = clip
                        && self.raster_pipeline.blend_at_own_size(
                            &image.handle,
                            *bounds,
                            image.opacity,
                            _transformation,
                            clip,
                            _pixels,
                        )
                    {
                        return;
                    }
                }

                let clip_mask =
                    self.mask_for(_clip_mask, physical_bounds, _clip_bounds);

                let center = physical_bounds.center();

                let transform = into_transform(_transformation).post_rotate_at(
                    radians.to_degrees(),
                    center.x,
                    center.y,
                );

                self.raster_pipeline.draw(
                    &image.handle,
                    image.filter_method,
                    *bounds,
                    image.opacity,
                    _pixels,
                    transform,
                    clip_mask,
                );
            }
            #[cfg(feature = "svg")]
            Image::Vector { svg, bounds, .. } => {
                let physical_bounds = *bounds * _transformation;

                if !_clip_bounds.intersects(&physical_bounds) {
                    return;
                }

                let clip_mask =
                    self.mask_for(_clip_mask, physical_bounds, _clip_bounds);

                let center = physical_bounds.center();
                let radians = f32::from(svg.rotation);

                let transform = into_transform(_transformation).post_rotate_at(
                    radians.to_degrees(),
                    center.x,
                    center.y,
                );

                self.vector_pipeline.draw(
                    &svg.handle,
                    svg.color,
                    *bounds,
                    svg.opacity,
                    _pixels,
                    transform,
                    clip_mask,
                );
            }
            #[cfg(not(feature = "image"))]
            Image::Raster { .. } => {
                log::warn!(
                    "Unsupported primitive in `iced_tiny_skia`: {image:?}",
                );
            }
            #[cfg(not(feature = "svg"))]
            Image::Vector { .. } => {
                log::warn!(
                    "Unsupported primitive in `iced_tiny_skia`: {image:?}",
                );
            }
        }
    }

    pub fn trim(&mut self) {
        self.text_pipeline.trim_cache();

        #[cfg(feature = "image")]
        self.raster_pipeline.trim_cache();

        #[cfg(feature = "svg")]
        self.vector_pipeline.trim_cache();
    }
}

/// Fills a quad that is a plain rectangle of one colour on whole pixels
/// (no rounded corners, border or shadow) by filling just the part of it
/// inside `clip_bounds`, when those lie on whole pixels too: the pixels the
/// clip mask would let through, without going through the mask pixel by
/// pixel (an opaque fill becomes a plain memory fill). Returns `false`,
/// having drawn nothing, for any other quad.
fn fill_plain_rectangle(
    quad: &Quad,
    background: &Background,
    physical_bounds: Rectangle,
    clip_bounds: Rectangle,
    pixels: &mut tiny_skia::PixmapMut<'_>,
) -> bool {
    let Background::Color(color) = background else {
        return false;
    };

    if quad.border.width > 0.0
        || <[f32; 4]>::from(quad.border.radius) != [0.0; 4]
        || quad.shadow.color.a > 0.0
        || !on_whole_pixels(physical_bounds)
        || !on_whole_pixels(clip_bounds)
    {
        return false;
    }

    let Some(visible) = physical_bounds.intersection(&clip_bounds) else {
        return true;
    };

    if let Some(rect) = PixelRect::of(visible) {
        fill_solid(pixels, rect, into_color(*color));
    }

    true
}

/// Fills `rect` with `color` over what is there as tiny-skia fills a
/// rectangle on whole pixels: a memory fill when opaque, else blended with
/// its integer arithmetic (`blend::fill_translucent`).
fn fill_solid(
    pixels: &mut tiny_skia::PixmapMut<'_>,
    rect: PixelRect,
    color: tiny_skia::Color,
) {
    if !color.is_opaque() {
        blend::fill_translucent(pixels, rect, color.premultiply());
        return;
    }

    let Some(rect) = tiny_skia::Rect::from_ltrb(
        rect.x0 as f32,
        rect.y0 as f32,
        rect.x1 as f32,
        rect.y1 as f32,
    ) else {
        return;
    };

    pixels.fill_rect(
        rect,
        &tiny_skia::Paint {
            shader: tiny_skia::Shader::SolidColor(color),
            anti_alias: true,
            ..tiny_skia::Paint::default()
        },
        tiny_skia::Transform::identity(),
        None,
    );
}

/// Fills a rounded rectangle of one colour, not clipped, with the same
/// pixels as tiny-skia's anti-aliased `fill_path` but without running its
/// supersampling over every row: only the rows of the corners go through
/// it (into views of just those rows), while the rows between, where the
/// outline is two vertical edges, all get the coverage tiny-skia gives one
/// of them (computed once into a one-row mask) with its pipeline's integer
/// arithmetic. Returns `false` (having drawn nothing) when the rectangle
/// is too short for it to pay.
///
/// The path is moved up by whole pixels for each view, which changes no
/// point of it that lies in the view (an integer subtracted from a float
/// no smaller than it is exact) and no vertical edge.
fn fill_rounded_in_bands(
    path: &tiny_skia::Path,
    color: tiny_skia::Color,
    transform: tiny_skia::Transform,
    physical_bounds: Rectangle,
    physical_radii: [f32; 4],
    pixels: &mut tiny_skia::PixmapMut<'_>,
) -> bool {
    const LEAST_MIDDLE_ROWS: i32 = 8;

    let (width, height) = (pixels.width(), pixels.height() as i32);
    let [top_left, top_right, bottom_right, bottom_left] = physical_radii;
    let first = (physical_bounds.y.floor() as i32).max(0);
    let end = ((physical_bounds.y + physical_bounds.height).ceil() as i32)
        .min(height);
    // A row clear of the corners' curves on each side, for safety.
    let middle_start = (physical_bounds.y + top_left.max(top_right)).ceil()
        as i32
        + 1;
    let middle_end = (physical_bounds.y + physical_bounds.height
        - bottom_left.max(bottom_right))
    .floor() as i32
        - 1;
    let middle_start = middle_start.max(first);
    let middle_end = middle_end.min(end);

    if middle_end - middle_start < LEAST_MIDDLE_ROWS
        || transform.has_skew()
        || transform.tx != 0.0
        || transform.ty != 0.0
    {
        return false;
    }

    let paint = tiny_skia::Paint {
        shader: tiny_skia::Shader::SolidColor(color),
        anti_alias: true,
        ..tiny_skia::Paint::default()
    };
    let row_bytes = width as usize * 4;

    // The coverage of one row between them, which every such row shares.
    let Some(mut coverage) = tiny_skia::Mask::new(width, 1) else {
        return false;
    };
    coverage.fill_path(
        path,
        tiny_skia::FillRule::EvenOdd,
        true,
        transform.post_translate(0.0, -(middle_start as f32)),
    );
    let coverage = coverage.data();
    let Some(full_start) = coverage.iter().position(|&c| c == 255) else {
        return false;
    };
    let full_end = coverage.iter().rposition(|&c| c == 255).unwrap_or(0) + 1;

    if coverage[full_start..full_end].iter().any(|&c| c != 255) {
        return false;
    }
    // The corners' rows, through tiny-skia.
    for (rows_start, rows_end) in [(first, middle_start), (middle_end, end)] {
        if rows_start >= rows_end {
            continue;
        }
        let data = &mut pixels.data_mut()
            [rows_start as usize * row_bytes..rows_end as usize * row_bytes];
        // It refuses only an empty view, and those are skipped above.
        let Some(mut rows) = tiny_skia::PixmapMut::from_bytes(
            data,
            width,
            (rows_end - rows_start) as u32,
        ) else {
            continue;
        };
        rows.fill_path(
            path,
            &paint,
            tiny_skia::FillRule::EvenOdd,
            transform.post_translate(0.0, -(rows_start as f32)),
            None,
        );
    }

    // The fully covered run of the rows between.
    fill_solid(
        pixels,
        PixelRect {
            x0: full_start as i32,
            y0: middle_start,
            x1: full_end as i32,
            y1: middle_end,
        },
        color,
    );

    // The partly covered pixels at the two edges.
    let edges = coverage
        .iter()
        .enumerate()
        .filter(|(x, c)| **c != 0 && (*x < full_start || *x >= full_end));
    for (x, &c) in edges {
        blend::cover_column(
            pixels,
            x,
            middle_start..middle_end,
            color.premultiply(),
            c,
        );
    }

    true
}

/// Whether a coordinate lies on a pixel's edge (up to float noise).
pub(crate) fn is_whole(value: f32) -> bool {
    (value - value.round()).abs() < 1.0 / 1024.0
}

/// Whether a rectangle's edges all lie on pixels' edges.
pub(crate) fn on_whole_pixels(bounds: Rectangle) -> bool {
    [bounds.x, bounds.y, bounds.width, bounds.height]
        .into_iter()
        .all(is_whole)
}

pub fn into_color(color: Color) -> tiny_skia::Color {
    tiny_skia::Color::from_rgba(color.b, color.g, color.r, color.a)
        .expect("Convert color from iced to tiny_skia")
}

fn into_transform(transformation: Transformation) -> tiny_skia::Transform {
    let translation = transformation.translation();

    tiny_skia::Transform {
        sx: transformation.scale_factor(),
        kx: 0.0,
        ky: 0.0,
        sy: transformation.scale_factor(),
        tx: translation.x,
        ty: translation.y,
    }
}

/// The part of a rounded rectangle (`bounds` and corner `radii`, logical,
/// drawn at `scale`) that may show inside `clip` (physical): each side
/// whose two corners lie wholly outside the clip, with a pixel to spare,
/// moves to the edge of the pixel just outside it and loses its corners.
/// Inside the clip, and in the pixel round it, the shape covers what it
/// covered. A circle stays whole (its path is built another way), and so
/// does a shape the clip does not touch.
fn trimmed_to_clip(
    bounds: Rectangle,
    radii: [f32; 4],
    scale: f32,
    clip: Rectangle,
) -> (Rectangle, [f32; 4]) {
    let [top_left, top_right, bottom_right, bottom_left] = radii;
    let circle = radii
        .iter()
        .all(|&radius| radius == bounds.width / 2.0 && radius == bounds.height / 2.0);

    if circle || scale <= 0.0 || !clip.intersects(&(bounds * scale)) {
        return (bounds, radii);
    }

    // Physical, as the clip.
    let (mut left, mut top) = (bounds.x * scale, bounds.y * scale);
    let (mut right, mut bottom) =
        (left + bounds.width * scale, top + bounds.height * scale);
    let whole = (left, top, right, bottom);
    let mut trimmed = radii;
    let reach = |first: f32, second: f32| first.max(second) * scale;

    let cut = clip.x.floor() - 1.0;
    if cut >= left + reach(top_left, bottom_left) {
        left = cut;
        trimmed[0] = 0.0;
        trimmed[3] = 0.0;
    }

    let cut = (clip.x + clip.width).ceil() + 1.0;
    if cut <= right - reach(top_right, bottom_right) {
        right = cut;
        trimmed[1] = 0.0;
        trimmed[2] = 0.0;
    }

    let cut = clip.y.floor() - 1.0;
    if cut >= top + reach(top_left, top_right) {
        top = cut;
        trimmed[0] = 0.0;
        trimmed[1] = 0.0;
    }

    let cut = (clip.y + clip.height).ceil() + 1.0;
    if cut <= bottom - reach(bottom_left, bottom_right) {
        bottom = cut;
        trimmed[2] = 0.0;
        trimmed[3] = 0.0;
    }

    // Untouched: as given, not through the division below.
    if (left, top, right, bottom) == whole {
        return (bounds, radii);
    }

    (
        Rectangle {
            x: left / scale,
            y: top / scale,
            width: (right - left) / scale,
            height: (bottom - top) / scale,
        },
        trimmed,
    )
}

fn rounded_rectangle(
    bounds: Rectangle,
    border_radius: [f32; 4],
) -> tiny_skia::Path {
    let [top_left, top_right, bottom_right, bottom_left] = border_radius;

    if top_left == 0.0
        && top_right == 0.0
        && bottom_right == 0.0
        && bottom_left == 0.0
    {
        return tiny_skia::PathBuilder::from_rect(
            tiny_skia::Rect::from_xywh(
                bounds.x,
                bounds.y,
                bounds.width,
                bounds.height,
            )
            .expect("Build quad rectangle"),
        );
    }

    if top_left == top_right
        && top_left == bottom_right
        && top_left == bottom_left
        && top_left == bounds.width / 2.0
        && top_left == bounds.height / 2.0
    {
        return tiny_skia::PathBuilder::from_circle(
            bounds.x + bounds.width / 2.0,
            bounds.y + bounds.height / 2.0,
            top_left,
        )
        .expect("Build circle path");
    }

    let mut builder = tiny_skia::PathBuilder::new();

    builder.move_to(bounds.x + top_left, bounds.y);
    builder.line_to(bounds.x + bounds.width - top_right, bounds.y);

    if top_right > 0.0 {
        arc_to(
            &mut builder,
            bounds.x + bounds.width - top_right,
            bounds.y,
            bounds.x + bounds.width,
            bounds.y + top_right,
            top_right,
        );
    }

    maybe_line_to(
        &mut builder,
        bounds.x + bounds.width,
        bounds.y + bounds.height - bottom_right,
    );

    if bottom_right > 0.0 {
        arc_to(
            &mut builder,
            bounds.x + bounds.width,
            bounds.y + bounds.height - bottom_right,
            bounds.x + bounds.width - bottom_right,
            bounds.y + bounds.height,
            bottom_right,
        );
    }

    maybe_line_to(
        &mut builder,
        bounds.x + bottom_left,
        bounds.y + bounds.height,
    );

    if bottom_left > 0.0 {
        arc_to(
            &mut builder,
            bounds.x + bottom_left,
            bounds.y + bounds.height,
            bounds.x,
            bounds.y + bounds.height - bottom_left,
            bottom_left,
        );
    }

    maybe_line_to(&mut builder, bounds.x, bounds.y + top_left);

    if top_left > 0.0 {
        arc_to(
            &mut builder,
            bounds.x,
            bounds.y + top_left,
            bounds.x + top_left,
            bounds.y,
            top_left,
        );
    }

    builder.finish().expect("Build rounded rectangle path")
}

fn maybe_line_to(path: &mut tiny_skia::PathBuilder, x: f32, y: f32) {
    if path.last_point() != Some(tiny_skia::Point { x, y }) {
        path.line_to(x, y);
    }
}

fn arc_to(
    path: &mut tiny_skia::PathBuilder,
    x_from: f32,
    y_from: f32,
    x_to: f32,
    y_to: f32,
    radius: f32,
) {
    let svg_arc = kurbo::SvgArc {
        from: kurbo::Point::new(f64::from(x_from), f64::from(y_from)),
        to: kurbo::Point::new(f64::from(x_to), f64::from(y_to)),
        radii: kurbo::Vec2::new(f64::from(radius), f64::from(radius)),
        x_rotation: 0.0,
        large_arc: false,
        sweep: true,
    };

    match kurbo::Arc::from_svg_arc(&svg_arc) {
        Some(arc) => {
            arc.to_cubic_beziers(0.1, |p1, p2, p| {
                path.cubic_to(
                    p1.x as f32,
                    p1.y as f32,
                    p2.x as f32,
                    p2.y as f32,
                    p.x as f32,
                    p.y as f32,
                );
            });
        }
        None => {
            path.line_to(x_to, y_to);
        }
    }
}

fn smoothstep(a: f32, b: f32, x: f32) -> f32 {
    let x = ((x - a) / (b - a)).clamp(0.0, 1.0);

    x * x * (3.0 - 2.0 * x)
}

fn rounded_box_sdf(
    to_center: Vector,
    size: tiny_skia::Size,
    radii: &[f32],
) -> f32 {
    let radius = match (to_center.x > 0.0, to_center.y > 0.0) {
        (true, true) => radii[2],
        (true, false) => radii[1],
        (false, true) => radii[3],
        (false, false) => radii[0],
    };

    let x = (to_center.x.abs() - size.width() + radius).max(0.0);
    let y = (to_center.y.abs() - size.height() + radius).max(0.0);

    (x.powf(2.0) + y.powf(2.0)).sqrt() - radius
}

/// Which mask a clip mask is: where its pixels are, and its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MaskIdentity {
    data: usize,
    width: u32,
    height: u32,
}

impl MaskIdentity {
    fn of(mask: &tiny_skia::Mask) -> Self {
        Self {
            data: mask.data().as_ptr() as usize,
            width: mask.width(),
            height: mask.height(),
        }
    }
}

/// Zeroes the mask in the whole pixels around `bounds`, one more on each
/// side: everything a fill of `bounds` without anti-aliasing can have set.
fn clear_around(clip_mask: &mut tiny_skia::Mask, bounds: Rectangle) {
    let width = clip_mask.width() as usize;
    let height = clip_mask.height() as usize;
    let clamp = |value: f32, limit: usize| value.max(0.0).min(limit as f32) as usize;
    let x0 = clamp(bounds.x.floor() - 1.0, width);
    let x1 = clamp((bounds.x + bounds.width).ceil() + 1.0, width);
    let y0 = clamp(bounds.y.floor() - 1.0, height);
    let y1 = clamp((bounds.y + bounds.height).ceil() + 1.0, height);

    if x0 >= x1 {
        return;
    }

    let data = clip_mask.data_mut();

    for row in y0..y1 {
        data[row * width + x0..row * width + x1].fill(0);
    }
}

/// Fills `bounds` into a mask, without anti-aliasing.
fn fill_clip_rect(clip_mask: &mut tiny_skia::Mask, bounds: Rectangle) {
    let path = {
        let mut builder = tiny_skia::PathBuilder::new();
        builder.push_rect(
            tiny_skia::Rect::from_xywh(
                bounds.x,
                bounds.y,
                bounds.width,
                bounds.height,
            )
            .unwrap(),
        );

        builder.finish().unwrap()
    };

    clip_mask.fill_path(
        &path,
        tiny_skia::FillRule::EvenOdd,
        false,
        tiny_skia::Transform::default(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Point;

    /// A background whose every channel changes from pixel to pixel, so
    /// that a blend off by one level shows.
    fn background() -> tiny_skia::Pixmap {
        let mut pixmap = tiny_skia::Pixmap::new(640, 360).unwrap();
        for (at, pixel) in pixmap.data_mut().chunks_exact_mut(4).enumerate() {
            let (x, y) = (at % 640, at / 640);
            pixel.copy_from_slice(&[
                (x * 7 + y * 3) as u8,
                (x * 13 + y * 29) as u8,
                (x * 31 + y * 11 + 5) as u8,
                255,
            ]);
        }
        pixmap
    }

    #[test]
    fn a_rounded_rectangle_trimmed_to_its_clip_fills_the_same_pixels() {
        let colors = [
            tiny_skia::Color::from_rgba8(240, 120, 50, 255),
            tiny_skia::Color::from_rgba8(25, 55, 155, 130),
        ];
        let shapes = [
            // A scrubber's rail and a damaged area round its handle; its
            // start; a clip across its middle.
            (Rectangle::new(Point::new(26.5896, 218.0), Size::new(519.4104, 12.0)), [6.0; 4]),
            (Rectangle::new(Point::new(-40.25, 20.6), Size::new(600.0, 300.3)), [24.0, 0.0, 12.0, 2.0]),
            (Rectangle::new(Point::new(100.0, 50.0), Size::new(400.0, 200.0)), [16.0; 4]),
        ];
        let clips = [
            Rectangle::new(Point::new(24.83566, 217.0), Size::new(46.753937, 14.0)),
            Rectangle::new(Point::new(2.08173, 201.0), Size::new(46.753906, 46.0)),
            Rectangle::new(Point::new(230.4, 30.7), Size::new(80.2, 290.0)),
            Rectangle::new(Point::new(120.5, 140.25), Size::new(300.0, 20.5)),
            Rectangle::new(Point::new(0.0, 0.0), Size::new(640.0, 360.0)),
        ];
        let mut trimmed_any = 0;

        for (bounds, radii) in shapes {
            for clip in clips {
                let (trimmed, trimmed_radii) =
                    trimmed_to_clip(bounds, radii, 1.0, clip);
                if trimmed != bounds {
                    trimmed_any += 1;
                }
                let mut mask = tiny_skia::Mask::new(640, 360).unwrap();
                fill_clip_rect(&mut mask, clip);

                for color in colors {
                    let fill = |path: &tiny_skia::Path| {
                        let mut pixmap = background();
                        pixmap.fill_path(
                            path,
                            &tiny_skia::Paint {
                                shader: tiny_skia::Shader::SolidColor(color),
                                anti_alias: true,
                                ..tiny_skia::Paint::default()
                            },
                            tiny_skia::FillRule::EvenOdd,
                            tiny_skia::Transform::identity(),
                            Some(&mask),
                        );
                        pixmap
                    };
                    let whole = fill(&rounded_rectangle(bounds, radii));
                    let part =
                        fill(&rounded_rectangle(trimmed, trimmed_radii));
                    let drawn = whole.data() != background().data();
                    assert_eq!(drawn, clip.intersects(&bounds), "{bounds:?} in {clip:?}");

                    for (at, (want, got)) in
                        whole.pixels().iter().zip(part.pixels()).enumerate()
                    {
                        assert_eq!(
                            want,
                            got,
                            "{bounds:?} in {clip:?}, trimmed to {trimmed:?}: pixel {},{}",
                            at % 640,
                            at / 640
                        );
                    }
                }
            }
        }

        assert!(trimmed_any >= 8, "{trimmed_any} shapes were trimmed");
    }

    #[test]
    fn a_side_is_trimmed_only_where_its_corners_lie_outside_the_clip() {
        let rail = Rectangle::new(Point::new(26.5, 218.0), Size::new(519.5, 12.0));
        // Round the handle: both ends trimmed, corners gone; top and
        // bottom kept (the clip reaches past them).
        let (bounds, radii) = trimmed_to_clip(
            rail,
            [6.0; 4],
            1.0,
            Rectangle::new(Point::new(24.8, 201.0), Size::new(46.7, 46.0)),
        );
        assert_eq!(
            bounds,
            Rectangle::new(Point::new(26.5, 218.0), Size::new(46.5, 12.0))
        );
        assert_eq!(radii, [6.0, 0.0, 0.0, 6.0]);
        // A clip near its left end: the left corners would be cut, so
        // the left side stays.
        let (bounds, _) = trimmed_to_clip(
            rail,
            [6.0; 4],
            1.0,
            Rectangle::new(Point::new(30.0, 201.0), Size::new(20.0, 46.0)),
        );
        assert_eq!(bounds.x, 26.5);
        assert_eq!(bounds.x + bounds.width, 51.0);
        // At twice the scale, in physical pixels.
        let (bounds, radii) = trimmed_to_clip(
            rail,
            [6.0; 4],
            2.0,
            Rectangle::new(Point::new(400.5, 400.0), Size::new(100.0, 100.0)),
        );
        assert_eq!((bounds.x, bounds.x + bounds.width), (199.5, 251.0));
        assert_eq!(radii, [0.0; 4]);
        // A circle stays whole.
        let dot = Rectangle::new(Point::new(0.0, 0.0), Size::new(40.0, 40.0));
        let clip = Rectangle::new(Point::new(30.0, 0.0), Size::new(10.0, 40.0));
        assert_eq!(trimmed_to_clip(dot, [20.0; 4], 1.0, clip), (dot, [20.0; 4]));
    }

    #[test]
    fn rounded_rectangles_filled_in_bands_have_tiny_skias_pixels() {
        let opaque = tiny_skia::Color::from_rgba8(250, 248, 240, 255);
        let translucent = [30, 128, 200, 254]
            .map(|alpha| tiny_skia::Color::from_rgba8(25, 55, 155, alpha));
        let shapes = [
            // A home tile: fractional position and size.
            (Rectangle::new(Point::new(158.4, 31.9), Size::new(356.8, 267.6)), [16.0; 4]),
            // On whole pixels.
            (Rectangle::new(Point::new(11.0, 7.0), Size::new(356.0, 67.0)), [4.0, 3.0, 0.0, 9.5]),
            // Corners of their own, half-pixel edges, partly off the pixmap;
            // then a thin bar, fully covering one column.
            (Rectangle::new(Point::new(-20.5, 300.25), Size::new(300.75, 97.0)), [24.0, 0.0, 12.0, 2.0]),
            (Rectangle::new(Point::new(400.3, 100.7), Size::new(2.6, 60.0)), [1.3; 4]),
            // Above the pixmap's top.
            (Rectangle::new(Point::new(450.6, -30.6), Size::new(120.0, 200.0)), [30.0; 4]),
        ];

        for (bounds, radii) in shapes {
            for color in translucent.into_iter().chain([opaque]) {
                let path = rounded_rectangle(bounds, radii);
                let mut expected = background();
                let mut banded = background();
                expected.fill_path(
                    &path,
                    &tiny_skia::Paint {
                        shader: tiny_skia::Shader::SolidColor(color),
                        anti_alias: true,
                        ..tiny_skia::Paint::default()
                    },
                    tiny_skia::FillRule::EvenOdd,
                    tiny_skia::Transform::identity(),
                    None,
                );
                assert!(
                    fill_rounded_in_bands(
                        &path,
                        color,
                        tiny_skia::Transform::identity(),
                        bounds,
                        radii,
                        &mut banded.as_mut(),
                    ),
                    "{bounds:?} is filled in bands"
                );
                for (at, (want, got)) in expected
                    .pixels()
                    .iter()
                    .zip(banded.pixels())
                    .enumerate()
                {
                    assert_eq!(
                        want,
                        got,
                        "{bounds:?} {color:?}: pixel {},{}",
                        at % 640,
                        at / 640
                    );
                }
                assert_ne!(expected.data(), background().data());
            }
        }
    }

    #[test]
    fn a_rectangle_too_short_for_bands_is_left_to_tiny_skia() {
        let bounds = Rectangle::new(Point::new(10.5, 10.5), Size::new(200.0, 40.0));
        let radii = [16.0; 4];
        let mut pixmap = background();

        assert!(!fill_rounded_in_bands(
            &rounded_rectangle(bounds, radii),
            tiny_skia::Color::WHITE,
            tiny_skia::Transform::identity(),
            bounds,
            radii,
            &mut pixmap.as_mut(),
        ));
        assert_eq!(pixmap.data(), background().data());
    }
}
