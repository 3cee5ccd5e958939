//! The yew interface.
