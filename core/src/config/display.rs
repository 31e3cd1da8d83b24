//! `[display]`: how the kiosk draws. A PC without a graphics processor
//! still offers Vulkan through Mesa's software driver, which redraws the
//! whole screen for every film frame; iced's own software renderer draws
//! the same screens at half the processor time and memory (measured, see
//! docs/films-and-drawing.md), so `auto` picks it there.

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RendererChoice {
    /// The graphics processor if the machine has one, else software.
    #[default]
    Auto,
    Gpu,
    Software,
}

impl RendererChoice {
    /// The iced backend to use, given whether the machine has a real
    /// graphics processor (not a software Vulkan driver).
    pub fn backend(self, hardware_gpu: bool) -> &'static str {
        match self {
            RendererChoice::Gpu => "wgpu",
            RendererChoice::Software => "tiny-skia",
            RendererChoice::Auto if hardware_gpu => "wgpu",
            RendererChoice::Auto => "tiny-skia",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DisplayConfig {
    pub renderer: RendererChoice,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDisplay {
    #[serde(default)]
    renderer: RendererChoice,
}

impl RawDisplay {
    pub fn check(self) -> DisplayConfig {
        DisplayConfig {
            renderer: self.renderer,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RendererChoice;

    #[test]
    fn auto_uses_the_gpu_only_where_there_is_one() {
        assert_eq!(RendererChoice::Auto.backend(true), "wgpu");
        assert_eq!(RendererChoice::Auto.backend(false), "tiny-skia");
        assert_eq!(RendererChoice::Gpu.backend(false), "wgpu");
        assert_eq!(RendererChoice::Software.backend(true), "tiny-skia");
    }
}
