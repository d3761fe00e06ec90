//! [`Appearance`]: the look of Clerk's prebuilt components.

use std::collections::BTreeMap;

use serde::Serialize;

/// How Clerk's prebuilt components look: theme variables, and extra classes per element.
///
/// ```
/// use leptos_clerk::{Appearance, AppearanceVariables};
/// let appearance = Appearance {
///     variables: AppearanceVariables { color_primary: Some("#4f46e5".into()), ..Default::default() },
///     ..Default::default()
/// }
/// .element_class("card", "my-card");
/// assert_eq!(appearance.elements["card"], "my-card");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Appearance {
    /// Theme variables (colours, font, radius).
    #[serde(skip_serializing_if = "AppearanceVariables::is_empty")]
    pub variables: AppearanceVariables,
    /// Extra class names by Clerk element key (`card`, `formButtonPrimary`, `userButtonTrigger`…).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub elements: BTreeMap<String, String>,
}

impl Appearance {
    /// Adds `classes` to the Clerk element `element`.
    pub fn element_class(mut self, element: impl Into<String>, classes: impl Into<String>) -> Self {
        self.elements.insert(element.into(), classes.into());
        self
    }
}

/// Clerk's theme variables that mean the same in clerk-js 5 and 6. Any CSS value.
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
}

impl AppearanceVariables {
    fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}
