//! `<SessionTimeline>`: the session's life as a picture, updating live.

use leptos::prelude::*;

use super::{root_class, wall_clock_each_second};
use crate::model::human_duration;
use crate::refresh::RefreshStatus;
use crate::ui::hooks::{use_session, use_session_refresh};

/// The drawing's left and right ends in its 600-wide box.
const LEFT: f64 = 20.0;
const RIGHT: f64 = 580.0;
/// No two markers closer than this, so their dots and labels stay apart.
const MIN_GAP: f64 = 56.0;

/// Where each of `times` (in order) sits between [`LEFT`] and [`RIGHT`].
///
/// A session's markers are minutes apart at both ends of a life that may last weeks (created,
/// now … next touch, expiry), so a linear scale would pile them up at the ends. Each gap is
/// drawn in proportion to the logarithm of its length instead, and at least [`MIN_GAP`]
/// wide; the gap's real length is written under it.
fn positions(times: &[i64]) -> Vec<f64> {
    let gaps: Vec<f64> = times
        .windows(2)
        .map(|pair| {
            let minutes = (pair[1] - pair[0]).max(0) as f64 / 60_000.0;
            (1.0 + minutes).ln()
        })
        .collect();
    let total: f64 = gaps.iter().sum();
    let spare = (RIGHT - LEFT - MIN_GAP * gaps.len() as f64).max(0.0);
    let mut x = LEFT;
    let mut positions = vec![x];
    for gap in gaps {
        let share = if total > 0.0 {
            gap / total
        } else {
            1.0 / times.len().max(1) as f64
        };
        x += MIN_GAP + spare * share;
        positions.push(x.min(RIGHT));
    }
    positions
}

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
                at: now.get()?,
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
        markers().map(|mut markers| {
            markers.sort_by_key(|marker| marker.at);
            let times: Vec<i64> = markers.iter().map(|marker| marker.at).collect();
            let xs = positions(&times);
            let now_x = markers
                .iter()
                .zip(&xs)
                .find(|(marker, _)| marker.class == "now")
                .map_or(LEFT, |(_, x)| *x);
            let description = markers
                .iter()
                .map(|m| format!("{} at {}", m.label, m.at))
                .collect::<Vec<_>>()
                .join(", ");
            // The real length of each gap, written under it: the scale is not linear. Every
            // gap has its label element (empty under a second), so the drawing keeps its
            // shape as the clock moves.
            let gap_labels = times
                .windows(2)
                .zip(xs.windows(2))
                .map(|(pair, at)| {
                    let gap = pair[1] - pair[0];
                    view! {
                        <text x=format!("{:.1}", (at[0] + at[1]) / 2.0) y="68" text-anchor="middle" class="lc-timeline__gap">
                            {(gap >= 1_000).then(|| human_duration(gap))}
                        </text>
                    }
                })
                .collect_view();
            view! {
                <figure class=root_class>
                    <svg viewBox="0 0 600 100" role="img" aria-label=format!("Session timeline: {description}")>
                        <line x1="20" y1="48" x2="580" y2="48" class="lc-timeline__axis"/>
                        <rect x="20" y="44" width=format!("{:.1}", (now_x - LEFT).max(0.0)) height="8" rx="4" class="lc-timeline__elapsed"/>
                        {gap_labels}
                        {markers.into_iter().zip(xs).enumerate().map(|(index, (marker, cx))| {
                            let above = index % 2 == 1;
                            let (y, anchor) = (
                                if above { "26" } else { "88" },
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

#[cfg(test)]
mod tests {
    use super::{LEFT, MIN_GAP, RIGHT, positions};

    const MINUTE: i64 = 60_000;

    #[test]
    fn a_week_long_session_keeps_its_markers_apart() {
        // created, now (an hour in), next touch, expiry (five minutes later, a week on).
        let times = [
            0,
            60 * MINUTE,
            7 * 24 * 60 * MINUTE - 5 * MINUTE,
            7 * 24 * 60 * MINUTE,
        ];
        let xs = positions(&times);
        assert_eq!(xs.first(), Some(&LEFT));
        assert!(xs.last().is_some_and(|x| (x - RIGHT).abs() < 1e-9), "{xs:?}");
        for pair in xs.windows(2) {
            assert!(pair[1] - pair[0] >= MIN_GAP - 1e-9, "{xs:?}");
        }
        // The week is drawn wider than the hour, which is wider than the five minutes.
        let gaps: Vec<f64> = xs.windows(2).map(|pair| pair[1] - pair[0]).collect();
        assert!(gaps[1] > gaps[0] && gaps[0] > gaps[2], "{gaps:?}");
    }

    #[test]
    fn equal_times_and_one_marker_stay_in_the_box() {
        assert_eq!(positions(&[5]), vec![LEFT]);
        let xs = positions(&[5, 5, 5]);
        assert!(xs.iter().all(|x| (LEFT..=RIGHT).contains(x)), "{xs:?}");
    }
}
