//! Effects that talk to the browser.
