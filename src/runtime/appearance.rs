//! [`Appearance`]: the look of Clerk's prebuilt components, for the whole app
//! ([`ClerkOptions::appearance`](crate::ClerkOptions::appearance)) or for one component.
//!
//! Typed where Clerk types it (`@clerk/ui`'s `Appearance`: variables, options/layout, element
//! classes, theme, CSS layer), with [`Appearance::raw`] for the rest. Plain data: it becomes
//! JSON, and JSON becomes the JS object clerk-js reads.

use std::collections::BTreeMap;

use serde::Serialize;

/// How Clerk's prebuilt components look: theme variables, layout options, element classes.
///
/// ```
/// use leptos_clerk::{Appearance, AppearanceLayout, AppearanceVariables};
/// let appearance = Appearance {
///     variables: AppearanceVariables { color_primary: Some("#4f46e5".into()), ..Default::default() },
///     layout: AppearanceLayout { social_buttons_placement: Some("bottom".into()), ..Default::default() },
///     ..Default::default()
/// }
/// .element_class("card", "my-card")
/// // What the typed fields do not cover yet, in Clerk's own shape.
/// .raw("captcha", serde_json::json!({ "theme": "dark" }));
/// assert_eq!(appearance.elements["card"], "my-card");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Appearance {
    /// Clerk's bundled theme by name: `"clerk"` (the default) or `"simple"` (clerk-js 6's
    /// `theme`, clerk-js 5's `baseTheme` takes only theme objects and ignores it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// Theme variables (colours, fonts, radius, spacing).
    #[serde(skip_serializing_if = "AppearanceVariables::is_empty")]
    pub variables: AppearanceVariables,
    /// Layout options: logo, social buttons, links to legal pages, animations.
    #[serde(rename = "options", skip_serializing_if = "AppearanceLayout::is_empty")]
    pub layout: AppearanceLayout,
    /// Extra class names by Clerk element key (`card`, `formButtonPrimary`, `userButtonTrigger`…).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub elements: BTreeMap<String, String>,
    /// The CSS cascade layer Clerk's styles go into, so the app's own layers can win.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub css_layer_name: Option<String>,
    /// Keys set as given, over the typed ones (see [`Appearance::raw`]).
    #[serde(flatten)]
    pub raw: BTreeMap<String, serde_json::Value>,
}

impl Appearance {
    /// Adds `classes` to the Clerk element `element`.
    pub fn element_class(mut self, element: impl Into<String>, classes: impl Into<String>) -> Self {
        self.elements.insert(element.into(), classes.into());
        self
    }

    /// Sets `key` of Clerk's appearance object to `value` as given: the escape hatch for what
    /// is not typed here (element style objects, `captcha`, per-component themes, a newer
    /// option). It wins over a typed field of the same name.
    ///
    /// ```
    /// use leptos_clerk::Appearance;
    /// let appearance = Appearance::default()
    ///     .raw("elements", serde_json::json!({ "card": { "boxShadow": "none" } }));
    /// # let _ = appearance;
    /// ```
    pub fn raw(mut self, key: impl Into<String>, value: serde_json::Value) -> Self {
        self.raw.insert(key.into(), value);
        self
    }

    /// The JSON object clerk-js reads. The layout goes under both names Clerk has used for
    /// it (`options` in clerk-js 6, `layout` in 5); each major ignores the other's.
    pub(crate) fn to_json(&self) -> serde_json::Value {
        let mut json = serde_json::to_value(self).unwrap_or_default();
        if let Some(object) = json.as_object_mut()
            && let Some(options) = object.get("options").cloned()
        {
            object.entry("layout").or_insert(options);
        }
        json
    }
}

/// Clerk's theme variables. Any CSS value. The first six mean the same in clerk-js 5 and 6;
/// the rest are clerk-js 6 names (clerk-js 5 ignores them).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppearanceVariables {
    /// Buttons, links and focus rings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color_primary: Option<String>,
    /// Card backgrounds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color_background: Option<String>,
    /// Errors and destructive actions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color_danger: Option<String>,
    /// The font stack.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub font_family: Option<String>,
    /// The base font size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub font_size: Option<String>,
    /// The base corner radius.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub border_radius: Option<String>,
    /// Text on primary-coloured buttons.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color_primary_foreground: Option<String>,
    /// Success messages and badges.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color_success: Option<String>,
    /// Warnings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color_warning: Option<String>,
    /// The neutral scale behind borders and secondary surfaces.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color_neutral: Option<String>,
    /// Main text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color_foreground: Option<String>,
    /// Muted surfaces.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color_muted: Option<String>,
    /// Secondary text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color_muted_foreground: Option<String>,
    /// Input backgrounds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color_input: Option<String>,
    /// Input text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color_input_foreground: Option<String>,
    /// Borders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color_border: Option<String>,
    /// Focus rings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color_ring: Option<String>,
    /// Shadows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color_shadow: Option<String>,
    /// The backdrop behind modals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color_modal_backdrop: Option<String>,
    /// The font stack of buttons.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub font_family_buttons: Option<String>,
    /// The base spacing unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spacing: Option<String>,
}

impl AppearanceVariables {
    fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// Clerk's layout options (`appearance.options` in clerk-js 6, `appearance.layout` in 5).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppearanceLayout {
    /// `"inside"`, `"outside"` or `"none"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo_placement: Option<String>,
    /// The logo's URL, instead of the one set on the instance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo_image_url: Option<String>,
    /// Where a click on the logo goes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo_link_url: Option<String>,
    /// `"auto"`, `"iconButton"` or `"blockButton"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub social_buttons_variant: Option<String>,
    /// `"top"` or `"bottom"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub social_buttons_placement: Option<String>,
    /// Whether optional fields show on sign-up.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_optional_fields: Option<bool>,
    /// The terms page linked from the forms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terms_page_url: Option<String>,
    /// The privacy page linked from the forms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub privacy_page_url: Option<String>,
    /// The help page linked from the forms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help_page_url: Option<String>,
    /// Whether Clerk's components animate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub animations: Option<bool>,
    /// Whether buttons shimmer on hover.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shimmer: Option<bool>,
    /// Hides the "Development mode" badge of development instances.
    #[serde(
        rename = "unsafe_disableDevelopmentModeWarnings",
        skip_serializing_if = "Option::is_none"
    )]
    pub unsafe_disable_development_mode_warnings: Option<bool>,
}

impl AppearanceLayout {
    fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_what_was_set_is_sent_and_the_layout_goes_under_both_names() {
        let appearance = Appearance {
            theme: Some("simple".into()),
            variables: AppearanceVariables {
                color_primary: Some("#4f46e5".into()),
                ..Default::default()
            },
            layout: AppearanceLayout {
                animations: Some(false),
                ..Default::default()
            },
            ..Default::default()
        }
        .element_class("card", "my-card");
        assert_eq!(
            appearance.to_json(),
            json!({
                "theme": "simple",
                "variables": { "colorPrimary": "#4f46e5" },
                "elements": { "card": "my-card" },
                "options": { "animations": false },
                "layout": { "animations": false },
            })
        );
        assert_eq!(Appearance::default().to_json(), json!({}));
    }

    #[test]
    fn a_raw_key_wins_over_the_typed_one() {
        let appearance = Appearance::default()
            .element_class("card", "ignored")
            .raw("elements", json!({ "card": { "boxShadow": "none" } }));
        assert_eq!(
            appearance.to_json(),
            json!({ "elements": { "card": { "boxShadow": "none" } } })
        );
    }
}
