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
    // Keyed by the computed result itself: a new scenario or a new data file makes a new one. Until
    // this result's own ranges are ready, the previous result's stand in when they fit its table
    // (an edit of a figure or an assumption): the bands, the ranges in words and the table columns
    // stay in place for the frame in between instead of vanishing and coming back one frame later,
    // which cost that frame a rebuild of every part showing them.
    let (dataset, scenario) = (state.dataset.clone(), state.scenario.clone());
    RangesContext(crate::web::use_after_next_paint(
        Same(state.computed.clone()),
        move |computed| simulate(&dataset, &scenario, &computed.0.table),
        |held, now| Ranges::carry_over(&held.0.table, &now.0.table),
    ))
}

/// The ranges supplied by the calculator, if ready.
#[hook]
pub fn use_ranges() -> Option<Rc<Ranges>> {
    use_context::<RangesContext>().and_then(|c| c.0)
}
