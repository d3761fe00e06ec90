//! Differential tests: our reimplementations of Clerk's rules against Clerk's own code.
//!
//! Each test generates thousands of cases from a fixed seed and a fresh one (printed;
//! `DIFFERENTIAL_SEED=<n>` replays one), puts each through our code and through Clerk's
//! packages in Node (the `.mjs` beside this file), and fails on any difference, with the case
//! printed, except the ones its allow-list names and explains. They need Node and the npm
//! packages: `cargo xtask test` has both and sets `LEPTOS_CLERK_DIFFERENTIAL=required`;
//! without them a test says so and passes, unless that variable is set.
//!
//! - [`authenticate`]: request authentication (status, reason, handshake loop guard)
//!   against `@clerk/backend`'s `authenticateRequest`.
//! - [`claims`]: session-token claims against `@clerk/shared`'s `jwtPayloadParser`.
//! - [`verify`]: token verification, request authentication and `has()` against
//!   `@clerk/backend`'s `authenticateRequest`.
//! - [`request`]: which token a request is authenticated by (header, cookie, neither)
//!   against `authenticateRequest`'s choice.
//! - [`reverification`]: the reverification answer a backend sends and its reading on the
//!   client against `@clerk/shared`'s `reverificationError` and `isReverificationHint`.
//! - [`organizations`]: the emulator's encoding of the active organization's permissions in
//!   session tokens against `jwtPayloadParser`'s decoding.

mod authenticate;
mod claims;
mod organizations;
mod request;
mod reverification;
mod signing;
mod support;
mod verify;
