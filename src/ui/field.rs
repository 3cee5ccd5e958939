//! A number field with an optional slider kept in step with it, and the error it shows.
//!
//! Both controls dispatch to the reducer, which parses the text through the core in the field's
//! unit: the slider sends its exact position as text, so nothing passes through a float. Refused
//! text stays in the box with its message; the slider stays at the last valid value.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::core::Decimal;
use crate::core::num::{MINUS, format_bare};
use crate::state::{Action, AppState, Field};
use crate::ui::AppContext;

/// What a text box shows: the text in force, unless the box's own figure has not changed since
/// it last rendered, when what is in the box stays, which may be what a reader is typing and has
/// not committed yet (the app reads `change`, on Enter or on leaving the box).
///
/// yew writes an input's `value` whenever its component renders and the box's live text differs,
/// so a render caused by something else, such as the previous box's edit finishing while the
/// reader already types in this one, would put back the old text and lose what was typed. `last`
/// is the text in force at the box's last render; a box's `change` handler empties it, so the
/// committed figure is written back in its own form (`１２` as `12`).
pub fn shown_text(input: &NodeRef, last: &RefCell<Option<String>>, text: String) -> String {
    let mut last = last.borrow_mut();
    let typed = match (last.as_ref(), input.cast::<web_sys::HtmlInputElement>()) {
        (Some(last), Some(input)) if *last == text => Some(input.value()),
        _ => None,
    };
    *last = Some(text.clone());
    typed.unwrap_or(text)
}

/// A text box's `change` handler: it forgets the box's last text (see [`shown_text`]) and
/// dispatches the edit `edit` makes of what the box holds.
pub fn on_commit(
    last: Rc<RefCell<Option<String>>>,
    dispatch: UseReducerDispatcher<AppState>,
    edit: impl Fn(String) -> Action + 'static,
) -> Callback<Event> {
    Callback::from(move |e: Event| {
        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            last.borrow_mut().take();
            dispatch.dispatch(edit(input.value()));
        }
    })
}

/// A slider's range and step, written as the `min`, `max` and `step` attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Slider {
    /// Lowest position.
    pub min: AttrValue,
    /// Highest position.
    pub max: AttrValue,
    /// Distance between positions.
    pub step: AttrValue,
}

impl Slider {
    /// A slider from `min` to `max` in steps of `step`.
    pub fn new(
        min: impl Into<AttrValue>,
        max: impl Into<AttrValue>,
        step: impl Into<AttrValue>,
    ) -> Slider {
        Slider {
            min: min.into(),
            max: max.into(),
            step: step.into(),
        }
    }
}

/// Props of [`NumberField`].
#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    /// Which field: the key of its draft and the action's target.
    pub field: Field,
    /// The visible label.
    pub label: AttrValue,
    /// The value in force, in base units; `None` leaves the box empty.
    pub value: Option<Decimal>,
    /// The unit shown after the box; `None` shows the field's own (`원/달러`, `%`, `조 원`).
    #[prop_or_default]
    pub unit: Option<AttrValue>,
    /// A slider beside the box, if the value has a natural range.
    #[prop_or_default]
    pub slider: Option<Slider>,
    /// A hint under the field (examples of what may be typed).
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// Greyed out and not editable (e.g. the fixed rate while annual averages are used).
    #[prop_or_default]
    pub disabled: bool,
}

/// A labelled number box, its slider and its error.
#[component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return Html::default();
    };
    let field = props.field;
    let lang = state.lang;
    let unit = state.field_unit(field);
    let draft = state.draft(field);
    let valid = props
        .value
        .map(|v| format_bare(v, &unit))
        .unwrap_or_default();
    // A range input takes a plain decimal: no grouping commas, an ASCII minus.
    let position = valid.replace(',', "").replace(MINUS, "-");
    let (input, last) = (use_node_ref(), use_mut_ref(Option::default));
    let text = shown_text(
        &input,
        &last,
        draft.map_or_else(|| valid.clone(), |d| d.text.clone()),
    );
    let unit_label: AttrValue = props
        .unit
        .clone()
        .unwrap_or_else(|| unit.label(lang).into());
    let id = field.dom_id();
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let dispatch = state.dispatcher();
    let on_change = on_commit(last, dispatch.clone(), move |text| Action::EditField {
        field,
        text,
    });
    let on_slide = Callback::from(move |e: InputEvent| {
        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            dispatch.dispatch(Action::Slide {
                field,
                text: input.value(),
            });
        }
    });
    let described = match (draft.is_some(), props.hint.is_some()) {
        (true, true) => Some(format!("{error_id} {hint_id}")),
        (true, false) => Some(error_id.clone()),
        (false, true) => Some(hint_id.clone()),
        (false, false) => None,
    };
    html! {
        <div class={classes!("field", draft.is_some().then_some("invalid"))}>
            <label for={id.clone()}>{ props.label.clone() }</label>
            <div class="field-row">
                if let Some(slider) = &props.slider {
                    <input
                        type="range"
                        class="slider"
                        id={format!("{id}-slider")}
                        min={slider.min.clone()}
                        max={slider.max.clone()}
                        step={slider.step.clone()}
                        value={position}
                        disabled={props.disabled}
                        aria-label={format!("{} ({})", props.label, lang.pick("슬라이더", "slider"))}
                        aria-valuetext={format!("{valid} {unit_label}")}
                        oninput={on_slide}
                    />
                }
                <span class="box">
                    <input
                        id={id.clone()}
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        spellcheck="false"
                        value={text}
                        disabled={props.disabled}
                        aria-invalid={draft.is_some().then_some("true")}
                        aria-describedby={described}
                        onchange={on_change}
                        ref={input}
                    />
                    <span class="unit" aria-hidden="true">{ unit_label.clone() }</span>
                </span>
            </div>
            if let Some(draft) = draft {
                <p id={error_id} class="error" role="alert">{ draft.error.message(lang) }</p>
            }
            if let Some(hint) = &props.hint {
                <p id={hint_id} class="hint">{ hint.clone() }</p>
            }
        </div>
    }
}
