//! The growth assumptions a reader picks for each series, and the goal seek's adoption of its
//! answer.

use super::*;

/// How a series is projected, without its parameters: what the mode picker chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GrowthMode {
    /// A fixed % a year.
    Fixed,
    /// The compound annual growth rate of a historical window.
    Cagr,
    /// The linear trend of a historical window.
    Linear,
    /// The damped trend (the default).
    Damped,
    /// The last value held.
    Flat,
}

impl GrowthMode {
    /// Every mode, in the order the picker shows them.
    pub const ALL: [GrowthMode; 5] = [
        GrowthMode::Damped,
        GrowthMode::Cagr,
        GrowthMode::Fixed,
        GrowthMode::Linear,
        GrowthMode::Flat,
    ];

    /// The mode of an assumption.
    pub fn of(growth: &Growth) -> GrowthMode {
        match growth {
            Growth::Fixed(_) => GrowthMode::Fixed,
            Growth::Cagr { .. } => GrowthMode::Cagr,
            Growth::Linear { .. } => GrowthMode::Linear,
            Growth::Damped => GrowthMode::Damped,
            Growth::Flat => GrowthMode::Flat,
        }
    }

    /// A stable identifier for a `<select>` value.
    pub fn id(self) -> &'static str {
        match self {
            GrowthMode::Fixed => "fixed",
            GrowthMode::Cagr => "cagr",
            GrowthMode::Linear => "linear",
            GrowthMode::Damped => "damped",
            GrowthMode::Flat => "flat",
        }
    }

    /// Reads [`GrowthMode::id`].
    pub fn from_id(id: &str) -> Option<GrowthMode> {
        GrowthMode::ALL.into_iter().find(|m| m.id() == id)
    }
}

/// A rate rounded for a field and kept within what the field accepts.
pub(super) fn tidy_growth(rate: Decimal) -> Decimal {
    rate.round_dp_with_strategy(1, ROUNDING)
        .clamp(Decimal::from(GROWTH_MIN), Decimal::from(GROWTH_MAX))
        .normalize()
}

/// Which question a seek asks, ignoring its parameters: a target typed for one kind is no use
/// for the other.
pub(super) fn seek_kind(seek: Option<Seek>) -> Option<GrowthOrRate> {
    seek.map(|s| match s {
        Seek::Growth { .. } => GrowthOrRate::Growth,
        Seek::Rate { .. } => GrowthOrRate::Rate,
    })
}

#[derive(PartialEq)]
pub(super) enum GrowthOrRate {
    Growth,
    Rate,
}

impl AppState {
    /// The assumption a series is projected with now, from the computed table.
    pub(super) fn growth_now(&self, series: SeriesKey) -> Option<Growth> {
        self.scenario.growth.get(&series).copied().or_else(|| {
            self.computed
                .table
                .row(series)
                .and_then(|r| r.projection)
                .map(|p| p.assumption)
        })
    }

    /// A growth rate in % a year to start a fixed assumption from: the current rate, else the
    /// view's default CAGR, else zero.
    pub(super) fn growth_rate_now(&self, series: SeriesKey) -> Decimal {
        let projection = self.computed.table.row(series).and_then(|r| r.projection);
        let current = projection
            .filter(|p| !matches!(p.assumption, Growth::Linear { .. }))
            .and_then(|p| p.rate);
        let default = || {
            self.dataset
                .views()
                .get(self.computed.view)
                .and_then(|v| v.default_cagr(series))
                .and_then(|(_, rate)| rate.ok())
        };
        current.or_else(default).map_or(Decimal::ZERO, tidy_growth)
    }

    /// A window to start a CAGR or trend from: the current one, else the default's, else the
    /// published years.
    pub(super) fn window_now(&self, series: SeriesKey) -> (i32, i32) {
        let window = |g: Growth| match g {
            Growth::Cagr { from, to } | Growth::Linear { from, to } => Some((from, to)),
            Growth::Fixed(_) | Growth::Damped | Growth::Flat => None,
        };
        self.growth_now(series)
            .and_then(window)
            .or_else(|| {
                self.dataset
                    .views()
                    .get(self.computed.view)
                    .and_then(|v| v.default_cagr(series))
                    .and_then(|(g, _)| window(*g))
            })
            .unwrap_or((
                self.computed.table.first_year,
                self.computed.table.last_published_year,
            ))
    }

    pub(super) fn set_growth_mode(self, series: SeriesKey, mode: GrowthMode) -> AppState {
        if self.growth_now(series).map(|g| GrowthMode::of(&g)) == Some(mode) {
            return self;
        }
        let growth = match mode {
            GrowthMode::Fixed => Growth::Fixed(self.growth_rate_now(series)),
            GrowthMode::Cagr => {
                let (from, to) = self.window_now(series);
                Growth::Cagr { from, to }
            }
            GrowthMode::Linear => {
                let (from, to) = self.window_now(series);
                Growth::Linear { from, to }
            }
            GrowthMode::Damped => Growth::Damped,
            GrowthMode::Flat => Growth::Flat,
        };
        let mut scenario = (*self.scenario).clone();
        scenario.growth.insert(series, growth);
        self.with_draft(Field::GrowthRate(series), None)
            .change(scenario)
    }

    pub(super) fn set_growth_window(self, series: SeriesKey, from: i32, to: i32) -> AppState {
        if from >= to {
            return self;
        }
        let growth = match self.growth_now(series) {
            Some(Growth::Linear { .. }) => Growth::Linear { from, to },
            _ => Growth::Cagr { from, to },
        };
        let mut scenario = (*self.scenario).clone();
        scenario.growth.insert(series, growth);
        self.change(scenario)
    }

    /// Chooses the goal seek; a seek of another kind starts without the old one's typed target.
    pub(super) fn set_seek(self, seek: Option<Seek>) -> AppState {
        let kind_changed = seek_kind(self.scenario.seek) != seek_kind(seek);
        let state = if kind_changed {
            self.with_draft(Field::SeekTarget, None)
        } else {
            self
        };
        state.change_with(|s| s.seek = seek)
    }

    pub(super) fn apply_seek(self) -> AppState {
        let (Some(seek), Some(SeekOutcome::Solved { value, .. })) =
            (self.scenario.seek, self.computed.seek.as_ref())
        else {
            return self;
        };
        let mut scenario = (*self.scenario).clone();
        match seek {
            Seek::Growth { series, .. } => {
                let rate = value.round_dp_with_strategy(2, ROUNDING).normalize();
                if validate_edit(EditTarget::GrowthRate, rate).is_err() {
                    return self;
                }
                scenario.growth.insert(series, Growth::Fixed(rate));
                self.with_draft(Field::GrowthRate(series), None)
                    .change(scenario)
            }
            Seek::Rate { .. } => {
                let rate = value.round_dp_with_strategy(1, ROUNDING).normalize();
                if validate_edit(EditTarget::FixedRate, rate).is_err() {
                    return self;
                }
                scenario.fx = FxMode::Fixed(rate);
                let mut state = self.with_draft(Field::FixedRate, None);
                state.fixed_rate = rate;
                state.change(scenario)
            }
        }
    }
}
