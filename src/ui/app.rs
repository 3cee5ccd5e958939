//! The application: loads the dataset, holds the one state, lays out the page.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::link::LinkError;
use crate::core::link::changed_edits;
use crate::core::{Dataset, Lang};
use crate::state::{Action, AppState, Notice, Session, StartOptions};
use crate::ui::{
    About, Assumptions, ChartsPanel, ClaimList, Context, DataTable, FirstPaint, GoalSeek, Header,
    HeadlineView, RangesContext, Scenarios, Sources,
};

/// The state every component reads and the dispatcher it changes it with, supplied by [`App`].
///
/// A snapshot, unlike yew's `UseReducerHandle` (whose every clone reads the newest state): the
/// calculator supplies the newest state to the parts an edit's frame shows and the state of the
/// last painted frame to the rest (see `Calculator`). Equal when it is the same snapshot.
#[derive(Clone)]
pub struct AppContext {
    state: Rc<AppState>,
    dispatch: UseReducerDispatcher<AppState>,
}

impl AppContext {
    /// A snapshot of `handle`'s state now.
    pub fn of(handle: &UseReducerHandle<AppState>) -> AppContext {
        AppContext {
            state: Rc::new((**handle).clone()),
            dispatch: handle.dispatcher(),
        }
    }

    /// What changes the state.
    pub fn dispatcher(&self) -> UseReducerDispatcher<AppState> {
        self.dispatch.clone()
    }
}

impl std::ops::Deref for AppContext {
    type Target = AppState;

    fn deref(&self) -> &AppState {
        &self.state
    }
}

impl PartialEq for AppContext {
    fn eq(&self, other: &AppContext) -> bool {
        Rc::ptr_eq(&self.state, &other.state)
    }
}

/// `handle`'s state as an [`AppContext`]: the same snapshot for as long as the state is unchanged
/// (compared field by field, every large part by pointer), a new one when it changed.
#[hook]
fn use_app_context(handle: &UseReducerHandle<AppState>) -> AppContext {
    let held = use_mut_ref(|| None::<AppContext>);
    let mut held = held.borrow_mut();
    match held.as_ref() {
        Some(context) if *context.state == **handle => context.clone(),
        _ => {
            let context = AppContext::of(handle);
            *held = Some(context.clone());
            context
        }
    }
}

/// Props of [`App`].
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The language to start in; `None` follows the browser (English when rendered natively).
    #[prop_or_default]
    pub lang: Option<Lang>,
    /// How the page was asked to open (its query string); a `lang` there wins over `lang`.
    #[prop_or_default]
    pub options: StartOptions,
    /// What storage and the address held when the page opened (`crate::web::mount` reads it);
    /// `None` opens the defaults and writes nothing back, as when rendered natively.
    #[prop_or_default]
    pub session: Option<Session>,
    /// The sections of the build's prerendered page (xtask/src/prerender.rs) that the first render
    /// leaves for the task after the first paint: shown in their places until then, so nothing
    /// the prerender showed goes missing for a frame.
    #[prop_or_default]
    pub kept: Option<Kept>,
}

/// Sections of the prerendered page, moved into the app's first render (see [`AppProps::kept`]):
/// those between the charts and the assumptions, and those after the assumptions.
#[derive(Clone, PartialEq, Default)]
pub struct Kept {
    /// The sections between the charts and the assumptions.
    pub above: Rc<Vec<web_sys::Node>>,
    /// The sections after the assumptions.
    pub below: Rc<Vec<web_sys::Node>>,
}

/// The whole calculator.
#[component]
pub fn App(props: &AppProps) -> Html {
    match Dataset::embedded() {
        Ok(dataset) => {
            let lang = props.lang.unwrap_or_else(crate::web::preferred_lang);
            let options = props.options.clone();
            let session = props.session.clone();
            let kept = props.kept.clone();
            html! { <Calculator dataset={Rc::new(dataset.clone())} {lang} {options} {session} {kept} /> }
        }
        Err(error) => html! {
            <main class="jikgu">
                <p class="fatal" role="alert">{ format!("The embedded dataset is invalid: {error}") }</p>
            </main>
        },
    }
}

#[derive(Properties, PartialEq)]
struct CalculatorProps {
    dataset: Rc<Dataset>,
    lang: Lang,
    options: StartOptions,
    session: Option<Session>,
    kept: Option<Kept>,
}

#[component]
fn Calculator(props: &CalculatorProps) -> Html {
    let state = {
        let (dataset, lang) = (props.dataset.clone(), props.lang);
        let (options, session) = (props.options.clone(), props.session.clone());
        use_reducer(move || {
            let state = options.open(dataset, lang);
            match session {
                Some(session) => session.restore(state),
                None => state,
            }
        })
    };
    use_effect_with(state.lang, |lang| crate::web::set_document_lang(*lang));
    // Written back whenever it changes (local storage, so edits and saved scenarios survive a
    // reload, and the link in the address bar), after the frame that shows the change.
    crate::web::use_saved_after_paint(&state);

    // What lies below the first screen is rendered once the headline and the charts are painted;
    // the parts inside read the same signal (`ui::use_calculator_painted`).
    let below_first_screen = crate::web::use_painted_since_mount();
    // The build's prerender has every section but leaves the insides of closed disclosures to the
    // app, which fills them in as it takes over (a closed disclosure's contents take no room).
    let prerendering = use_context::<crate::ui::StillCharts>().is_some();
    let first_paint = FirstPaint(below_first_screen && !prerendering);
    // An edit's own frame shows it where the reader looks for it: the header (its theme, language
    // and the link it copies), the headline, the charts and the data table read the state as it
    // is now. Every other section (the context, the claims, the assumptions, the goal seek, the
    // sources, the scenarios, the file) reads it as of the last painted frame, and follows one
    // frame later (`web::use_deferred`), so the frame that shows the new figure does not wait for
    // their re-rendering, diffing, layout and paint.
    let now = use_app_context(&state);
    let later = crate::web::use_deferred(now.clone(), |shown, now| shown == now);
    let ranges = crate::ui::ranges::use_ranges_of(&now);

    let lang = state.lang;
    let on_keydown = {
        let dispatch = state.dispatcher();
        Callback::from(move |e: KeyboardEvent| {
            if !(e.ctrl_key() || e.meta_key()) {
                return;
            }
            let key = e.key().to_ascii_lowercase();
            let action = match key.as_str() {
                "z" if e.shift_key() => Some(Action::Redo),
                "z" => Some(Action::Undo),
                "y" => Some(Action::Redo),
                _ => None,
            };
            if let Some(action) = action {
                e.prevent_default();
                dispatch.dispatch(action);
            }
        })
    };

    let dismiss = {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::DismissNotice))
    };
    if props.options.embed {
        return html! {
            <ContextProvider<AppContext> context={now}>
                <ContextProvider<FirstPaint> context={first_paint}>
                    <ContextProvider<RangesContext> context={ranges}>
                        <Embedded child_id={props.options.child_id.clone().unwrap_or_else(|| "jikgu".to_string())} />
                    </ContextProvider<RangesContext>>
                </ContextProvider<FirstPaint>>
            </ContextProvider<AppContext>>
        };
    }
    html! {
        <ContextProvider<AppContext> context={now}>
            <ContextProvider<FirstPaint> context={first_paint}>
            <ContextProvider<RangesContext> context={ranges}>
                <main class="jikgu" lang={lang.tag()} onkeydown={on_keydown}>
                    <Header />
                    if let Some(notice) = state.notice {
                        <div class="notice" role="status">
                            { notice.message(lang) }
                            if notice == Notice::Link(LinkError::OtherData) {
                                <ul data-testid="changed-edits">
                                    { for changed_edits(&state.computed.table, lang).into_iter().map(|e| html! { <li>{ e }</li> }) }
                                </ul>
                            }
                            <button type="button" class="link" onclick={dismiss}>{ lang.pick("닫기", "Dismiss") }</button>
                        </div>
                    }
                    <HeadlineView />
                    <ChartsPanel />
                    <ContextProvider<AppContext> context={later.clone()}>
                        if below_first_screen {
                            <Context />
                            <ClaimList />
                            <Context then_now=true />
                        } else if let Some(kept) = &props.kept {
                            { for kept.above.iter().map(|node| Html::VRef(node.clone())) }
                        }
                        <Assumptions />
                        if below_first_screen {
                            <GoalSeek />
                            <Sources />
                            <Scenarios />
                        }
                    </ContextProvider<AppContext>>
                    if below_first_screen {
                        <DataTable />
                    }
                    <ContextProvider<AppContext> context={later}>
                        if below_first_screen {
                            <About />
                        } else if let Some(kept) = &props.kept {
                            { for kept.below.iter().map(|node| Html::VRef(node.clone())) }
                        }
                    </ContextProvider<AppContext>>
                </main>
            </ContextProvider<RangesContext>>
            </ContextProvider<FirstPaint>>
        </ContextProvider<AppContext>>
    }
}

#[derive(Properties, PartialEq)]
struct EmbeddedProps {
    /// The name the host gave the iframe (Pym's `childId`), echoed in height messages.
    child_id: String,
}

/// The compact layout for an article column: the headline, the charts, the key assumptions and a
/// link to the full calculator in the same state. It keeps its host's iframe as tall as itself.
#[component]
fn Embedded(props: &EmbeddedProps) -> Html {
    let main = use_node_ref();
    let context = use_context::<AppContext>();
    // The assumptions are inside a closed disclosure: filled in after the first paint.
    let assumptions_ready = crate::ui::use_calculator_painted();
    let on_request = context.as_ref().map(|state| {
        let dispatch = state.dispatcher();
        Callback::from(move |action: Action| dispatch.dispatch(action))
    });
    crate::web::use_host_page(main.clone(), props.child_id.clone(), on_request);
    let base = use_memo((), |_| crate::web::full_calculator_base());
    let Some(state) = context else {
        return Html::default();
    };
    let lang = state.lang;
    let full = match state.link_fragment() {
        Some(fragment) => format!("{}#{fragment}", base),
        None => (*base).clone(),
    };
    html! {
        <main class="jikgu embed" lang={lang.tag()} ref={main}>
            <HeadlineView />
            <ChartsPanel compact=true />
            <p class="embed-claims" data-testid="claims-summary">
                { crate::core::Tally::of(&state.computed.claims).sentence(lang) }
            </p>
            <details class="embed-assumptions">
                <summary>{ lang.pick("가정 바꾸기", "Change the assumptions") }</summary>
                if assumptions_ready {
                    <Assumptions />
                }
            </details>
            <p class="embed-open">
                <a href={full} target="_blank" rel="noopener">{ lang.pick("전체 계산기에서 열기 ↗", "Open the full calculator ↗") }</a>
            </p>
        </main>
    }
}
