//! Picks iced's renderer before the window opens: the graphics processor
//! where there is one, software drawing where Vulkan is only emulated.

use city_core::config::RendererChoice;
use iced_wgpu::wgpu;

/// The environment variable iced reads to choose its renderer.
const ICED_BACKEND: &str = "ICED_BACKEND";

/// Sets the renderer for the window about to open, and says which, for
/// the start's log line. Must run before any other thread of the process
/// starts.
pub fn choose(choice: RendererChoice) -> String {
    if let Ok(forced) = std::env::var(ICED_BACKEND) {
        return format!("{forced} (from {ICED_BACKEND})");
    }
    let hardware = hardware_gpu();
    let backend = choice.backend(hardware.is_some());
    let chosen = format!(
        "{backend} ({choice:?}; graphics processor: {})",
        hardware.as_deref().unwrap_or("none")
    );
    // SAFETY: called from `main`'s thread before the kiosk starts any other
    // thread (the adapter probe's instance is dropped), so nothing reads
    // the environment concurrently.
    unsafe { std::env::set_var(ICED_BACKEND, backend) };
    chosen
}

/// The name of the first graphics adapter that is real hardware, not a
/// software driver such as Mesa's lavapipe.
fn hardware_gpu() -> Option<String> {
    let instance = wgpu::Instance::new(&wgpu::InstanceDescriptor::default());
    instance
        .enumerate_adapters(wgpu::Backends::all())
        .into_iter()
        .map(|adapter| adapter.get_info())
        .find(|info| {
            matches!(
                info.device_type,
                wgpu::DeviceType::DiscreteGpu
                    | wgpu::DeviceType::IntegratedGpu
                    | wgpu::DeviceType::VirtualGpu
            )
        })
        .map(|info| info.name)
}
