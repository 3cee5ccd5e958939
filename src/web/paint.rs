//! Frames and sizes: when the page has been painted, when to do work the next frame must not wait
//! for, and how wide an element is.

use std::rc::Rc;

use wasm_bindgen::JsCast as _;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

/// The CSS size of `node`'s box inside its border (`clientWidth`, `clientHeight`), updated whenever
/// it changes (the window resizing, a scrollbar appearing, the layout around it changing), so a
/// chart can redraw at its new size: measured when the browser reports the change, after its
/// layout, so drawing never has to ask for a layout of its own in the middle of a frame.
/// `(0, 0)` until first measured.
#[hook]
pub fn use_element_size(node: NodeRef) -> (i32, i32) {
    let size = use_state_eq(|| (0, 0));
    {
        let size = size.clone();
        use_effect_with(node, move |node| {
            let measure = {
                let node = node.clone();
                move || {
                    node.cast::<web_sys::Element>()
                        .map_or((0, 0), |e| (e.client_width(), e.client_height()))
                }
            };
            size.set(measure());
            let changed = Closure::<dyn FnMut()>::new(move || size.set(measure()));
            let observer = web_sys::ResizeObserver::new(changed.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(element)) = (&observer, node.cast::<web_sys::Element>()) {
                observer.observe(&element);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(changed);
            }
        });
    }
    *size
}

/// Whether any of `node` is inside the window, as the browser last reported it (true until it
/// has): kept by an `IntersectionObserver`, so asking costs no layout.
#[hook]
pub fn use_on_screen(node: NodeRef) -> Rc<std::cell::Cell<bool>> {
    let on_screen = use_memo((), |_| std::cell::Cell::new(true));
    {
        let on_screen = on_screen.clone();
        use_effect_with(node, move |node| {
            let changed =
                Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    // The last entry is the newest.
                    if let Some(entry) = entries
                        .iter()
                        .last()
                        .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
                    {
                        on_screen.set(entry.is_intersecting());
                    }
                });
            let observer =
                web_sys::IntersectionObserver::new(changed.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(element)) = (&observer, node.cast::<web_sys::Element>()) {
                observer.observe(&element);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(changed);
            }
        });
    }
    on_screen
}

/// False until the page has been painted once after this component mounted, then true: one frame
/// callback and one state change. The calculator watches with it and shares the answer as
/// `crate::ui::FirstPaint`, which its parts read (`crate::ui::use_calculator_painted`).
#[hook]
pub fn use_painted_since_mount() -> bool {
    let painted = use_state_eq(|| false);
    {
        let painted = painted.clone();
        use_effect_with((), move |_| {
            // The next frame comes after every effect of this render, the charts' drawing
            // included. A frame callback runs before that frame is painted; a task queued from
            // it runs after.
            after_next_paint(move || painted.set(true));
        });
    }
    *painted
}

/// Runs `f` in the task after the next frame is painted (a frame callback, then a task queued from
/// it), or at once when the browser offers no frames: for work the frame being prepared must not
/// wait for, such as the uncertainty ranges of a change.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    // One copy of the frame-and-timeout plumbing for every caller, not one per closure type.
    after_next_paint_boxed(Box::new(f));
}

fn after_next_paint_boxed(f: Box<dyn FnOnce()>) {
    let slot = std::rc::Rc::new(std::cell::RefCell::new(Some(f)));
    let queued = slot.clone();
    let after_paint = Closure::once_into_js(move || {
        gloo::timers::callback::Timeout::new(0, move || {
            if let Some(f) = queued.borrow_mut().take() {
                f();
            }
        })
        .forget();
    });
    let asked =
        web_sys::window().map(|window| window.request_animation_frame(after_paint.unchecked_ref()));
    if !matches!(asked, Some(Ok(_))) {
        if let Some(f) = slot.borrow_mut().take() {
            f();
        }
    }
}

/// `value` as the page last showed it: on the first render the value itself, then each new value
/// (one that is not `same` as the one shown) in the task after the frame that shows the rest of the
/// change has been painted. For the parts of the page an edit's own frame need not wait for: they
/// follow one frame later, re-rendered once however many values came in between.
#[hook]
pub fn use_deferred<T: Clone + 'static>(value: T, same: fn(&T, &T) -> bool) -> T {
    let shown = use_state(|| value.clone());
    let latest = use_mut_ref(|| value.clone());
    let pending = use_mut_ref(|| false);
    let stale = !same(&shown, &value);
    *latest.borrow_mut() = value;
    {
        let shown = shown.clone();
        use_effect(move || {
            if stale && !*pending.borrow() {
                *pending.borrow_mut() = true;
                after_next_paint(move || {
                    *pending.borrow_mut() = false;
                    shown.set(latest.borrow().clone());
                });
            }
        });
    }
    (*shown).clone()
}

/// Whether `element`'s top edge is below the bottom of the window (it cannot be seen yet).
pub fn starts_below_the_screen(element: &web_sys::Element) -> bool {
    let bottom = gloo::utils::window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(f64::INFINITY);
    element.get_bounding_client_rect().top() >= bottom
}

/// `compute(&key)`, worked out in the task after the frame that shows `key` is painted, so that
/// frame does not wait for it: `None` until it is done for this `key` (a newer key waits for its
/// own, unless `stands_in(held, key)` says the value held for an earlier key may stand in until
/// then). For work of milliseconds, such as the uncertainty ranges of a change.
#[hook]
pub fn use_after_next_paint<K, T, F>(
    key: K,
    compute: F,
    stands_in: fn(&K, &K) -> bool,
) -> Option<Rc<T>>
where
    K: PartialEq + Clone + 'static,
    T: 'static,
    F: FnOnce(&K) -> T + 'static,
{
    let held = use_state(|| None::<(K, Rc<T>)>);
    {
        let held = held.clone();
        use_effect_with(key.clone(), move |key| {
            let fresh = held.as_ref().is_some_and(|(k, _)| k == key);
            if !fresh {
                let key = key.clone();
                after_next_paint(move || {
                    let value = compute(&key);
                    held.set(Some((key, Rc::new(value))));
                });
            }
        });
    }
    held.as_ref()
        .filter(|(k, _)| *k == key || stands_in(k, &key))
        .map(|(_, value)| value.clone())
}
