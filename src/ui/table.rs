//! The data table: every series of the view by year, each cell editable in place.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::num::format_bare;
use crate::core::provenance::describe;
use crate::core::{CellRef, Computed, Dataset, Lang, Provenance};
use crate::state::{Action, AppState, Draft, Field, FieldError, cell_unit};
use crate::ui::AppContext;
use crate::ui::field::{on_commit, shown_text};

/// A short mark beside a value, so provenance is not told by colour alone.
fn provenance_mark(provenance: &Provenance) -> &'static str {
    match provenance {
        Provenance::Published { .. } | Provenance::Gap => "",
        Provenance::Derived { .. } => "=",
        Provenance::Assumed { .. } => "~",
        Provenance::Edited { .. } => "✎",
        Provenance::Projected { .. } => "→",
        Provenance::Overflow { .. } => "!",
    }
}

/// Years × series for the chosen source, with undo, redo and reset.
///
/// Each cell is its own component ([`TableCell`]) whose props compare only what that cell shows,
/// so an edit re-renders the cells whose figures changed, not every input of the table.
#[component]
pub fn DataTable() -> Html {
    // The cell with keyboard focus, whose provenance and citation are read out under the table:
    // a tooltip shows them on hover only.
    let focused = use_state_eq(|| None::<CellRef>);
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let lang = state.lang;
    let table = &state.computed.table;
    let years = (table.first_year, table.last_published_year);
    let dispatch = state.dispatcher();
    let button = |label: &'static str, action: Action, enabled: bool| {
        let dispatch = dispatch.clone();
        html! {
            <button type="button" disabled={!enabled} onclick={Callback::from(move |_: MouseEvent| dispatch.dispatch(action.clone()))}>
                { label }
            </button>
        }
    };
    // A row is plain markup; its cells are components compared by their own figure (see
    // [`TableCell`]), so an edit re-renders the cells it changed and nothing else of the table.
    let rows = table
        .rows
        .iter()
        .enumerate()
        .filter(|(_, row)| row.cells.iter().any(|c| c.value.is_some()))
        .map(|(index, row)| {
            let series = row.series;
            let cells = (years.0..=years.1).enumerate().map(|(column, year)| {
                if row.cells.get(column).is_none() {
                    return html! { <td key={year} /> };
                }
                let cell = CellRef { series, year };
                html! {
                    <TableCell
                        key={year}
                        computed={state.computed.clone()}
                        row={index}
                        {column}
                        {cell}
                        dataset={state.dataset.clone()}
                        {lang}
                        draft={state.drafts.get(&Field::Cell(cell)).cloned()}
                        approximate={state.scenario.is_approximate(cell)}
                        dispatch={dispatch.clone()}
                        focused={focused.setter()}
                    />
                }
            });
            html! {
                <tr key={series.to_string()}>
                    <th scope="row">{ series.label(lang) }</th>
                    { for cells }
                </tr>
            }
        });
    html! {
        <section class="table-box" aria-labelledby="table-title">
            <h2 id="table-title">{ lang.pick("자료 (단위: 조 원, 고쳐 쓸 수 있음)", "The data (₩ trillion; every figure editable)") }</h2>
            <div class="toolbar" role="toolbar" aria-label={lang.pick("편집", "Editing")}>
                { button(lang.pick("실행 취소", "Undo"), Action::Undo, state.can_undo()) }
                { button(lang.pick("다시 실행", "Redo"), Action::Redo, state.can_redo()) }
                { button(lang.pick("모두 발표값으로", "Reset all"), Action::ResetAll, state.can_undo() || !state.scenario.edits.is_empty()) }
            </div>
            <div class="scroll" tabindex="0" role="region" aria-labelledby="table-title">
                <table class="data">
                    <thead><tr>
                        <th scope="col">{ lang.pick("계열", "Series") }</th>
                        { for (years.0..=years.1).map(|y| html! { <th key={y} scope="col">{ y }</th> }) }
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <p id="cell-info" class="cell-info" aria-live="polite">{ cell_info(&state, *focused) }</p>
            <p class="legend">{ legend(lang) }</p>
        </section>
    }
}

/// Props of [`TableCell`]: the computed result and the cell's place in it, and what else the cell
/// shows. Equal when the cell would render the same.
#[derive(Properties)]
struct TableCellProps {
    /// The computed result; only the cell at (`row`, `column`) of its table is compared.
    computed: Rc<Computed>,
    row: usize,
    column: usize,
    /// The cell's series and year.
    cell: CellRef,
    /// The dataset, for the cell's provenance (compared by identity).
    dataset: Rc<Dataset>,
    lang: Lang,
    /// Text refused in this cell.
    draft: Option<Draft>,
    /// The reader marked this cell's figure as approximate.
    approximate: bool,
    dispatch: UseReducerDispatcher<AppState>,
    focused: UseStateSetter<Option<CellRef>>,
}

impl TableCellProps {
    fn shown(&self) -> Option<&crate::core::Cell> {
        self.computed
            .table
            .rows
            .get(self.row)?
            .cells
            .get(self.column)
    }
}

impl PartialEq for TableCellProps {
    fn eq(&self, other: &Self) -> bool {
        self.row == other.row
            && self.column == other.column
            && self.cell == other.cell
            && self.lang == other.lang
            && Rc::ptr_eq(&self.dataset, &other.dataset)
            && self.draft == other.draft
            && self.approximate == other.approximate
            && self.dispatch == other.dispatch
            && self.focused == other.focused
            && (Rc::ptr_eq(&self.computed, &other.computed) || self.shown() == other.shown())
    }
}

/// One editable figure of the data table, re-rendered only when its own figure, provenance, draft
/// or mark changed: an edit of the 2023 total re-renders that cell and the 2023 balance, not the
/// other hundred or more. It counts its renders in `data-renders`, so a test can see that.
#[component]
fn TableCell(props: &TableCellProps) -> Html {
    let renders = use_mut_ref(|| 0_u32);
    *renders.borrow_mut() += 1;
    let Some(cell) = props.shown() else {
        return html! { <td /> };
    };
    let (lang, dispatch) = (props.lang, &props.dispatch);
    let cell_ref = props.cell;
    let CellRef { series, year } = cell_ref;
    let draft = props.draft.as_ref();
    let (input, last) = (use_node_ref(), use_mut_ref(Option::default));
    let text = shown_text(
        &input,
        &last,
        match draft {
            Some(draft) => draft.text.clone(),
            None => cell
                .value
                .map(|v| format_bare(v, &cell_unit(cell_ref)))
                .unwrap_or_default(),
        },
    );
    let id = format!("cell-{series}-{year}");
    let error_id = format!("{id}-error");
    let onchange = on_commit(last, dispatch.clone(), move |text| Action::EditCell {
        cell: cell_ref,
        text,
    });
    let edited = matches!(cell.provenance, Provenance::Edited { .. }) || draft.is_some();
    let approximate = props.approximate;
    let reset = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ResetCell(cell_ref)))
    };
    let label = format!("{} {year}", series.label(lang));
    let onfocus = {
        let focused = props.focused.clone();
        Callback::from(move |_: FocusEvent| focused.set(Some(cell_ref)))
    };
    // One id, so tests that follow aria-describedby find the message (the automation
    // contract); while the text is valid it points at the focused cell's provenance.
    let described_by = if draft.is_some() {
        error_id.clone()
    } else {
        "cell-info".to_string()
    };
    html! {
        <td class={classes!("cell", cell.provenance.id(), approximate.then_some("approximate"))} data-testid="cell" data-series={series.to_string()} data-year={year.to_string()} data-renders={renders.borrow().to_string()}>
            <span class="mark" aria-hidden="true">{ if approximate { "≈" } else { provenance_mark(&cell.provenance) } }</span>
            <input
                id={id.clone()}
                type="text"
                inputmode="decimal"
                autocomplete="off"
                spellcheck="false"
                aria-label={label}
                title={with_approximate(describe(&cell.provenance, &props.dataset, lang), approximate, lang)}
                value={text}
                ref={input}
                aria-invalid={draft.is_some().then_some("true")}
                aria-describedby={described_by}
                {onchange}
                {onfocus}
            />
            // A unit-slip warning's choices come first after the box, so Tab reaches them.
            if let Some(draft) = draft {
                <span id={error_id} class="error" role="alert">{ draft.error.message(lang) }</span>
                { slip_choices(draft, cell_ref.into(), lang, dispatch) }
            }
            if edited {
                <button type="button" class="reset" onclick={reset} aria-label={format!("{} {}", lang.pick("원래 값으로:", "Reset"), series.label(lang))}>{ "↺" }</button>
            }
        </td>
    }
}

/// The two ways out of a unit-slip warning, right after the message so one Tab and Enter (or a
/// click) takes either: the suggested reading, or the value as typed.
fn slip_choices(
    draft: &Draft,
    field: Field,
    lang: Lang,
    dispatch: &yew::UseReducerDispatcher<crate::state::AppState>,
) -> Html {
    let FieldError::Slip(slip) = &draft.error else {
        return Html::default();
    };
    let button = |label: String, action: Action, testid: &'static str| {
        let dispatch = dispatch.clone();
        let onclick = Callback::from(move |e: MouseEvent| {
            // The button goes with the warning: give focus back to the cell's box, so the keyboard
            // stays in the table (and Ctrl+Z can undo the choice at once).
            let input = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|button| button.closest("td").ok().flatten())
                .and_then(|cell| cell.query_selector("input").ok().flatten())
                .and_then(|input| {
                    wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(input).ok()
                });
            dispatch.dispatch(action.clone());
            if let Some(input) = input {
                let _ = input.focus();
            }
        });
        html! { <button type="button" class="slip-choice" data-testid={testid} {onclick}>{ label }</button> }
    };
    html! {
        <span class="slip-choices">
            if let Some(label) = slip.take_label(lang) {
                { button(label, Action::TakeSuggestion(field), "slip-take") }
            }
            { button(slip.keep_label(lang), Action::KeepTyped(field), "slip-keep") }
        </span>
    }
}

/// Where the focused cell's figure came from, with the full citation when it was published.
fn cell_info(state: &crate::state::AppState, focused: Option<CellRef>) -> String {
    let lang = state.lang;
    let Some(cell_ref) = focused else {
        return lang
            .pick(
                "칸을 선택하면 그 수치의 출처가 여기 나옵니다.",
                "Focus a cell to see where its figure came from.",
            )
            .to_string();
    };
    let Some(cell) = state.computed.table.cell(cell_ref) else {
        return String::new();
    };
    let described = describe(&cell.provenance, &state.dataset, lang);
    let approximate = state.scenario.is_approximate(cell_ref);
    let mut text = format!(
        "{} {}: {}",
        cell_ref.series.label(lang),
        cell_ref.year,
        with_approximate(described, approximate, lang)
    );
    if let Provenance::Published { source, .. } = &cell.provenance
        && let Some(source) = state.dataset.source(*source)
    {
        text.push_str(&format!(" — {}, “{}”", source.publisher, source.title));
        if let Some(date) = &source.date {
            text.push_str(&format!(", {date}"));
        }
    }
    text
}

/// A cell's provenance, saying when the reader marked their figure as approximate (`약 6조`).
fn with_approximate(described: String, approximate: bool, lang: Lang) -> String {
    if approximate {
        format!("{described} ({})", lang.pick("어림값", "approximate"))
    } else {
        described
    }
}

fn legend(lang: Lang) -> &'static str {
    lang.pick(
        "표시: = 계산값 · ~ 가정 · ✎ 직접 수정 · ≈ 어림값으로 수정 · → 전망. 칸에 마우스를 올리거나 포커스하면 출처가 보입니다.",
        "Marks: = derived · ~ assumed · ✎ your edit · ≈ your approximate edit · → projected. Hover or focus a cell for its source.",
    )
}
