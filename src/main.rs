//! The browser entry point: mount the app, nothing else.

fn main() {
    #[cfg(target_arch = "wasm32")]
    jikgu::web::start();
}
