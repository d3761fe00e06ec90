//! `<SessionTimeline>`: the session's life as a picture, updating live.

use super::wall_clock_each_second;

use leptos::prelude::*;

use super::root_class;

use crate::refresh::RefreshStatus;
use crate::ui::hooks::{use_session, use_session_refresh};

/// One marker on the timeline.
#[derive(Clone, Debug, PartialEq)]
struct Marker {
    label: &'static str,
    at: i64,
    class: &'static str,
}

/// A small SVG of the current session: created, now, the next planned touch, `expire_at`,
/// and the maximum lifetime once the refresher has found it. Renders nothing without a
/// session.
///
/// ```no_run
/// use leptos::prelude::*;
/// use leptos_clerk::SessionTimeline;
/// view! { <SessionTimeline/> };
/// ```
#[component]
pub fn SessionTimeline(
    /// Extra classes for the root element.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let session = use_session().session;
    let refresh = use_session_refresh();
    let now = wall_clock_each_second();
    let markers = move || {
        let session = session.get()?;
        let created = session.created_at?;
        let expire = session.expire_at?;
        let mut markers = vec![
            Marker {
                label: "created",
                at: created,
                class: "created",
            },
            Marker {
                label: "now",
                at: now.get(),
                class: "now",
            },
        ];
        if let Some(touch) = refresh.next_touch_at.get() {
            markers.push(Marker {
                label: "next touch",
                at: touch,
                class: "touch",
            });
        }
        let label = match refresh.status.get() {
            RefreshStatus::Expiring { .. } => "ends (max lifetime)",
            _ => "expires",
        };
        markers.push(Marker {
            label,
            at: expire,
            class: "expire",
        });
        Some(markers)
    };
    let root_class = root_class("lc-timeline", class);
    move || {
        markers().map(|markers| {
            let start = markers.iter().map(|m| m.at).min().unwrap_or_default();
            let end = markers.iter().map(|m| m.at).max().unwrap_or_default().max(start + 1);
            // 20..580 of a 600-wide box; labels alternate above and below the line.
            let x = |at: i64| 20.0 + 560.0 * (at - start) as f64 / (end - start) as f64;
            let description = markers.iter().map(|m| format!("{} at {}", m.label, m.at)).collect::<Vec<_>>().join(", ");
            view! {
                <figure class=root_class>
                    <svg viewBox="0 0 600 96" role="img" aria-label=format!("Session timeline: {description}")>
                        <line x1="20" y1="48" x2="580" y2="48" class="lc-timeline__axis"/>
                        <rect x="20" y="44" width=format!("{:.1}", (x(now.get_untracked()) - 20.0).max(0.0)) height="8" rx="4" class="lc-timeline__elapsed"/>
                        {markers.into_iter().enumerate().map(|(index, marker)| {
                            let cx = x(marker.at);
                            let above = index % 2 == 1;
                            let (y, anchor) = (
                                if above { "28" } else { "76" },
                                if cx < 80.0 { "start" } else if cx > 520.0 { "end" } else { "middle" },
                            );
                            view! {
                                <g class=format!("lc-timeline__marker is-{}", marker.class)>
                                    <circle cx=format!("{cx:.1}") cy="48" r="6"/>
                                    <text
                                        x=format!("{cx:.1}")
                                        y=y
                                        text-anchor=anchor
                                    >
                                        {marker.label}
                                    </text>
                                </g>
                            }
                        }).collect_view()}
                    </svg>
                </figure>
            }
        })
    }
}
