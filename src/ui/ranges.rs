//! The uncertainty ranges of the projection, for every part of the page that shows them.
//!
//! A thousand simulated paths cost milliseconds, a recompute microseconds (`core::ranges`), so the
//! ranges never hold up the frame that shows a change: in the browser they are computed in the
//! task after that frame is painted, once per computed scenario, and every part that shows them
//! (the charts' bands, the headline's range, the break-even chance) follows one frame later.
//! Until then those parts show the previous result's ranges when they fit its table (after an edit)
//! and the central figures alone otherwise (another view, horizon or currency). Natively (SSR
//! tests) they are computed at once.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::Computed;
use crate::core::ranges::{Ranges, simulate};
use crate::ui::AppContext;

/// The ranges of the computed scenario shown, once they are ready.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RangesContext(pub Option<Rc<Ranges>>);

/// A computed result compared by identity: a cheap key (a deep comparison walks every cell), and
/// one that never leaves ranges unmatched when an action recomputes an equal result.
#[derive(Clone)]
struct Same(Rc<Computed>);

impl PartialEq for Same {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The ranges for `state`'s computed scenario: `None` until computed after the next paint.
#[hook]
pub fn use_ranges_of(state: &AppContext) -> RangesContext {
    // Keyed by the computed result itself: a new scenario or a new data file makes a new one.
    let held = use_state(|| None::<(Rc<Computed>, Rc<Ranges>)>);
    {
        let held = held.clone();
        let (dataset, scenario, computed) = (
            state.dataset.clone(),
            state.scenario.clone(),
            state.computed.clone(),
        );
        use_effect_with(Same(computed.clone()), move |_| {
            let fresh = held.as_ref().is_some_and(|(c, _)| Rc::ptr_eq(c, &computed));
            if !fresh {
                let run = move || {
                    let ranges = simulate(&dataset, &scenario, &computed.table);
                    held.set(Some((computed, Rc::new(ranges))));
                };
                #[cfg(target_arch = "wasm32")]
                crate::web::after_next_paint(run);
                #[cfg(not(target_arch = "wasm32"))]
                run();
            }
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        // Server rendering runs no effects: compute in the render itself.
        let native = use_memo(Same(state.computed.clone()), {
            let (dataset, scenario) = (state.dataset.clone(), state.scenario.clone());
            move |computed| Rc::new(simulate(&dataset, &scenario, &computed.0.table))
        });
        RangesContext(Some((*native).clone()))
    }
    #[cfg(target_arch = "wasm32")]
    {
        // Until this result's own ranges are ready, the previous result's stand in when they fit
        // its table (an edit of a figure or an assumption): the bands, the ranges in words and the
        // table columns stay in place for the frame in between instead of vanishing and coming
        // back one frame later, which cost that frame a rebuild of every part showing them.
        RangesContext(
            held.as_ref()
                .filter(|(c, _)| {
                    Rc::ptr_eq(c, &state.computed)
                        || Ranges::carry_over(&c.table, &state.computed.table)
                })
                .map(|(_, r)| r.clone()),
        )
    }
}

/// The ranges supplied by the calculator, if ready.
#[hook]
pub fn use_ranges() -> Option<Rc<Ranges>> {
    use_context::<RangesContext>().and_then(|c| c.0)
}
