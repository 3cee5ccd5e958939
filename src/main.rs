//! The browser entry point: mount the app.
fn main() {}
