//! `<SessionDiagnostics>`: the checks, one click away, with their verdicts and fixes.

use std::collections::HashSet;

use leptos::prelude::*;

use super::root_class;

use crate::diagnostics::{Check, DiagnosticsOptions, DiagnosticsReport, run_diagnostics};
use crate::runtime::context::context;

/// A panel that runs [`run_diagnostics`] on demand and lists each check: pass, warn or fail,
/// one line of explanation, and the fix. Tokens a check looked at stay hidden until the user
/// reveals one.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::{DiagnosticsOptions, SessionDiagnostics};
///
/// #[component]
/// fn Debug() -> impl IntoView {
///     let options = DiagnosticsOptions::default().template("supabase", ["role", "email"]);
///     view! { <SessionDiagnostics options=options/> }
/// }
/// ```
#[component]
pub fn SessionDiagnostics(
    /// What to check beyond the basics. Default: no template, touch allowed.
    #[prop(optional)]
    options: DiagnosticsOptions,
    /// Extra classes for the root element.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let clerk = context("SessionDiagnostics");
    let report = RwSignal::new(None::<DiagnosticsReport>);
    let running = RwSignal::new(false);
    let revealed = RwSignal::new(HashSet::<&'static str>::new());
    let options = StoredValue::new(options);
    let run = move |_| {
        if running.get_untracked() {
            return;
        }
        running.set(true);
        revealed.set(HashSet::new());
        leptos::task::spawn_local(async move {
            let result = run_diagnostics(clerk, &options.get_value()).await;
            report.try_set(Some(result));
            running.try_set(false);
        });
    };
    let root_class = root_class("lc-diagnostics", class);
    let row = move |check: Check| {
        let id = check.id;
        let token = check.token.clone();
        view! {
            <li class=format!("lc-diagnostics__check is-{}", check.status) data-check=id>
                <span class="lc-diagnostics__status">{check.status.to_string()}</span>
                <div class="lc-diagnostics__body">
                    <p class="lc-diagnostics__title">{check.title}</p>
                    <p class="lc-diagnostics__detail">{check.detail.clone()}</p>
                    {check.fix.clone().map(|fix| view! { <p class="lc-diagnostics__fix">{fix}</p> })}
                    {token.map(|token| {
                        let shown = move || revealed.with(|r| r.contains(id));
                        let toggle = move |_| revealed.update(|r| if !r.remove(id) { r.insert(id); });
                        view! {
                            <button type="button" class="lc-diagnostics__reveal" aria-expanded=move || shown().to_string() on:click=toggle>
                                {move || if shown() { "Hide token" } else { "Reveal token" }}
                            </button>
                            {move || shown().then(|| view! { <code class="lc-diagnostics__token">{token.clone()}</code> })}
                        }
                    })}
                </div>
            </li>
        }
    };
    view! {
        <section class=root_class aria-labelledby="lc-diagnostics-title" aria-busy=move || running.get().to_string()>
            <div class="lc-diagnostics__header">
                <h2 id="lc-diagnostics-title">"Session diagnostics"</h2>
                <button type="button" class="lc-diagnostics__run" on:click=run disabled=move || running.get()>
                    {move || if running.get() { "Checking…" } else if report.with(Option::is_some) { "Run again" } else { "Run checks" }}
                </button>
            </div>
            {move || report.get().map(|report| {
                let overall = report.overall();
                view! {
                    <p class=format!("lc-diagnostics__summary is-{overall}") role="status">
                        {match overall {
                            crate::diagnostics::CheckStatus::Fail => "Something is broken: see the failed checks.",
                            crate::diagnostics::CheckStatus::Warn => "Working, with warnings worth a look.",
                            _ => "All checks passed.",
                        }}
                    </p>
                    <ol class="lc-diagnostics__list">{report.checks.into_iter().map(row).collect_view()}</ol>
                }
            })}
        </section>
    }
}
