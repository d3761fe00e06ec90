// A stand-in for clerk-js' `window.Clerk`, for the hook and component tests.
// It keeps only what the provider relies on: load(), addListener() with an immediate emit
// and an unsubscribe function, signOut(), and emits pushed by the test. The end-to-end
// tests use the real clerk-js.

// behaviour: "ready" | "degraded" | "reject" | "hang"
export function installFakeClerk(behaviour) {
  const fake = {
    loaded: false,
    status: "loading",
    client: undefined,
    session: undefined,
    user: undefined,
    organization: undefined,
    loadCalls: 0,
    signOutCalls: 0,
    setActiveCalls: 0,
    // "resolve" | "reject" | "hang", for setActive.
    setActiveBehaviour: "resolve",
    listeners: new Set(),
    load(options) {
      fake.loadCalls += 1;
      fake.loadOptions = options;
      if (behaviour === "reject") {
        return Promise.reject({ errors: [{ code: "boom", message: "short", longMessage: "The fake refused to load." }] });
      }
      if (behaviour === "hang") {
        return new Promise(() => {});
      }
      fake.loaded = true;
      fake.status = behaviour === "degraded" ? "degraded" : "ready";
      return Promise.resolve();
    },
    addListener(callback) {
      fake.listeners.add(callback);
      if (fake.loaded) {
        callback({ client: fake.client, session: fake.session, user: fake.user, organization: fake.organization });
      }
      return () => fake.listeners.delete(callback);
    },
    setActive(params) {
      fake.setActiveCalls += 1;
      if (fake.setActiveBehaviour === "reject") {
        return Promise.reject({
          errors: [{ code: "session_switch_failed", message: "nope", longMessage: "The fake refused to switch." }],
        });
      }
      if (fake.setActiveBehaviour === "hang") {
        return new Promise(() => {});
      }
      if (fake.setActiveBehaviour === "slow") {
        // A slow network: switches once the switcher has shown the switch as running.
        return new Promise((resolve) => setTimeout(resolve, 400)).then(() => switchTo(params));
      }
      switchTo(params);
      return Promise.resolve();
    },
    createOrganization(params) {
      const organization = makeOrganization(params.name, params.slug ?? params.name.toLowerCase());
      const user = fake.user;
      user.organizationMemberships = [
        ...(user.organizationMemberships ?? []),
        { id: "orgmem_" + organization.id, role: "org:admin", permissions: [], organization },
      ];
      emit(fake, {});
      return Promise.resolve(organization);
    },
    signOut(callback, options) {
      fake.signOutCalls += 1;
      fake.lastSignOut = { callbackIsFunction: typeof callback === "function", options };
      emit(fake, { session: null, user: null });
      return Promise.resolve();
    },
  };
  // What `setActive` does once it goes through: the session (and organization) it names
  // become current, and listeners hear of it.
  function switchTo(params) {
    const session =
      params.session === undefined
        ? fake.session
        : ((fake.client?.sessions ?? []).find((s) => s && s.id === params.session) ?? null);
    let organization = fake.organization ?? null;
    if ("organization" in params) {
      const wanted = params.organization;
      const membership = (session?.user?.organizationMemberships ?? []).find(
        (m) => m.organization.id === wanted || m.organization.slug === wanted,
      );
      organization = membership ? membership.organization : null;
      if (session) session.lastActiveOrganizationId = organization ? organization.id : null;
    }
    emit(fake, { session, user: session ? session.user : null, organization });
  }
  window.Clerk = fake;
  return fake;
}

export function removeFakeClerk() {
  delete window.Clerk;
}

export function listenerCount(fake) {
  return fake.listeners.size;
}

// Sets resources and emits them to every listener, as clerk-js does after a change.
export function emit(fake, resources) {
  Object.assign(fake, resources);
  const payload = { client: fake.client, session: fake.session, user: fake.user, organization: fake.organization };
  for (const listener of fake.listeners) {
    listener(payload);
  }
}

// A clerk-js-like session: Dates for times, a user with a primaryEmailAddress getter.
export function makeSession(id, firstName, lastName, expireAt) {
  const user = {
    id: "user_" + firstName.toLowerCase(),
    firstName,
    lastName,
    hasImage: false,
    imageUrl: "",
    emailAddresses: [{ id: "idn_1", emailAddress: firstName.toLowerCase() + "@example.test" }],
    primaryEmailAddressId: "idn_1",
    get primaryEmailAddress() {
      return this.emailAddresses[0];
    },
  };
  return {
    id,
    status: "active",
    expireAt: new Date(expireAt),
    abandonAt: new Date(expireAt + 1000),
    lastActiveAt: new Date(expireAt - 60000),
    lastActiveOrganizationId: null,
    user,
    getToken: () => Promise.resolve("header.payload." + id),
    touchCalls: 0,
    // Like a session at its maximum lifetime: the touch succeeds, expireAt stays.
    touch() {
      this.touchCalls += 1;
      return Promise.resolve(this);
    },
  };
}

// A lastActiveToken the way clerk-js exposes it.
export function tokenResource(jwt) {
  return { getRawString: () => jwt };
}

// Makes session.getToken reject the way clerk-js does offline or on a network error.
export function failGetToken(session, code, message) {
  session.getToken = () => Promise.reject(Object.assign(new Error(message), { code }));
}

export function setField(object, key, value) {
  object[key] = value;
}

export function lastSignOut(fake) {
  return fake.lastSignOut;
}

// A loaded fake whose client holds `sessions`, with `current` (or null) as this tab's session.
export function installWithSessions(sessions, current) {
  const fake = installFakeClerk("ready");
  fake.client = { id: "client_1", sessions, lastActiveSessionId: current ? current.id : null };
  fake.session = current;
  fake.user = current ? current.user : null;
  return fake;
}

export function setBehaviour(fake, key, value) {
  fake[key] = value;
}

export function calls(fake, key) {
  return fake[key];
}

// Clerk's prebuilt components as clerk-js 6 exposes them: mount<Name>(node, props) and
// unmount<Name>(node), logged. `refuse` makes every mount throw, as clerk-js does when it
// was loaded without its UI. Also defines the UI constructor @clerk/ui would, so that no
// script is fetched.
export function addPrebuiltComponents(fake, refuse) {
  fake.version = "6.40.0";
  fake.mountLog = [];
  fake.lastProps = {};
  for (const name of [
    "SignIn",
    "SignUp",
    "UserButton",
    "UserProfile",
    "OrganizationSwitcher",
    "OrganizationProfile",
    "OrganizationList",
    "CreateOrganization",
  ]) {
    fake[`mount${name}`] = (node, props) => {
      if (refuse) throw new Error("Clerk was not loaded with Ui components");
      fake.mountLog.push(`mount ${name} ${JSON.stringify(props)}`);
      fake.lastProps[name] = props;
      node.setAttribute("data-mounted", name);
    };
    fake[`unmount${name}`] = (node) => {
      fake.mountLog.push(`unmount ${name}`);
      node.removeAttribute("data-mounted");
    };
  }
  window.__internal_ClerkUICtor = function ClerkUI() {};
}

export function mountLog(fake) {
  return fake.mountLog ?? [];
}

// What clerk-js' UI does with a custom menu item's functions (`customMenuItems[index]` of the
// last UserButton mount): which fields are functions, and calling them.
function customItem(fake, index) {
  return fake.lastProps.UserButton.customMenuItems[index];
}

export function customItemShape(fake, index) {
  const item = customItem(fake, index);
  return Object.keys(item)
    .sort()
    .map((key) => (typeof item[key] === "function" ? `${key}()` : key))
    .join(",");
}

// mountIcon into a new element (attached to the page), which is returned.
export function mountCustomIcon(fake, index) {
  const element = document.createElement("div");
  document.body.appendChild(element);
  customItem(fake, index).mountIcon(element);
  return element;
}

export function unmountCustomIcon(fake, index, element) {
  customItem(fake, index).unmountIcon(element);
}

export function clickCustomItem(fake, index) {
  customItem(fake, index).onClick();
}

// A clerk-js-like organization with `members` members, paged by getMemberships.
export function makeOrganization(name, slug, members = 3) {
  const organization = { id: "org_" + slug, name, slug, membersCount: members, hasImage: false };
  const memberships = Array.from({ length: members }, (_, i) => ({
    id: `orgmem_${slug}_${i}`,
    role: i === 0 ? "org:admin" : "org:member",
    permissions: [],
    organization,
    publicUserData: { userId: `user_${i}`, firstName: `Member${i}`, identifier: `m${i}@example.test` },
  }));
  const invitations = [
    { id: `orginv_${slug}_1`, emailAddress: "alan@example.test", role: "org:member", status: "pending" },
    { id: `orginv_${slug}_2`, emailAddress: "kay@example.test", role: "org:admin", status: "accepted" },
  ];
  organization.getInvitations = ({ initialPage = 1, pageSize = 10, status } = {}) => {
    const wanted = invitations.filter((i) => !status || status.includes(i.status));
    return Promise.resolve({
      data: wanted.slice((initialPage - 1) * pageSize, initialPage * pageSize),
      total_count: wanted.length,
    });
  };
  organization.getMemberships = ({ initialPage = 1, pageSize = 10 } = {}) =>
    Promise.resolve({
      data: memberships.slice((initialPage - 1) * pageSize, initialPage * pageSize),
      total_count: memberships.length,
    });
  return organization;
}

// Makes the session's user a member of `organization` with `role`.
export function joinOrganization(session, organization, role) {
  const user = session.user;
  user.organizationMemberships = [
    ...(user.organizationMemberships ?? []),
    { id: "orgmem_" + organization.id, role, permissions: ["org:sys_memberships:read"], organization },
  ];
}

// A clerk-js-like `client.signUp` on a signed-out fake: create, prepare and attempt the
// email code as clerk-js' SignUp resource does (it mutates itself and resolves to itself).
// `requires`: extra `missingFields` Clerk would ask for (e.g. ["username"]). Each call is
// logged in `fake.signUpLog`; code 424242 succeeds.
export function addSignUp(fake, requires = []) {
  fake.signUpLog = [];
  fake.client = fake.client ?? { id: "client_1", sessions: [], lastActiveSessionId: null };
  const apiError = (code, longMessage) => ({ errors: [{ code, message: longMessage, longMessage }] });
  const signUp = {
    status: null,
    emailAddress: null,
    missingFields: [],
    unverifiedFields: [],
    createdSessionId: null,
    create(params) {
      fake.signUpLog.push(`create ${params.emailAddress}`);
      if (params.emailAddress === "taken@example.test") {
        return Promise.reject(apiError("form_identifier_exists", "That email address is taken. Please try another."));
      }
      Object.assign(signUp, {
        status: "missing_requirements",
        emailAddress: params.emailAddress,
        missingFields: requires,
        unverifiedFields: ["email_address"],
      });
      return Promise.resolve(signUp);
    },
    prepareEmailAddressVerification(params) {
      fake.signUpLog.push(`prepare ${params.strategy}`);
      return Promise.resolve(signUp);
    },
    attemptEmailAddressVerification(params) {
      fake.signUpLog.push(`attempt ${params.code}`);
      if (params.code !== "424242") return Promise.reject(apiError("form_code_incorrect", "Incorrect code"));
      const session = makeSession("sess_new", "New", "User", 1_900_000_000_000);
      fake.client.sessions = [...fake.client.sessions, session];
      Object.assign(signUp, { status: "complete", createdSessionId: session.id, unverifiedFields: [] });
      return Promise.resolve(signUp);
    },
  };
  fake.client.signUp = signUp;
}

export function signUpLog(fake) {
  return fake.signUpLog ?? [];
}

// A clerk-js-like `client.signIn` for the email-code first factor: create({identifier}),
// prepareFirstFactor and attemptFirstFactor, as clerk-js' SignIn resource does (mutates
// itself, resolves to itself). "two-factor@example.test" then needs a second factor (a
// texted code or a backup code: prepareSecondFactor, attemptSecondFactor), and
// "link-only@example.test" one offered only as an email link.
// Each call is logged in `fake.signInLog`; code 424242 succeeds.
export function addSignIn(fake) {
  fake.signInLog = [];
  fake.client = fake.client ?? { id: "client_1", sessions: [], lastActiveSessionId: null };
  const apiError = (code, longMessage) => ({ errors: [{ code, message: longMessage, longMessage }] });
  const signIn = {
    status: null,
    identifier: null,
    supportedFirstFactors: [],
    createdSessionId: null,
    create(params) {
      fake.signInLog.push(`create ${params.identifier}`);
      if (params.identifier === "nobody@example.test") {
        return Promise.reject(apiError("form_identifier_not_found", "Couldn't find your account."));
      }
      Object.assign(signIn, {
        status: "needs_first_factor",
        identifier: params.identifier,
        supportedFirstFactors: [
          { strategy: "password" },
          { strategy: "email_code", emailAddressId: "idn_fake", safeIdentifier: params.identifier },
        ],
      });
      return Promise.resolve(signIn);
    },
    prepareFirstFactor(params) {
      fake.signInLog.push(`prepare ${params.strategy} ${params.emailAddressId}`);
      return Promise.resolve(signIn);
    },
    attemptFirstFactor(params) {
      fake.signInLog.push(`attempt ${params.strategy} ${params.code}`);
      if (params.code !== "424242") return Promise.reject(apiError("form_code_incorrect", "Incorrect code"));
      if (signIn.identifier === "two-factor@example.test") {
        signIn.status = "needs_second_factor";
        signIn.supportedSecondFactors = [
          { strategy: "phone_code", phoneNumberId: "idn_phone", safeIdentifier: "+*******0100" },
          { strategy: "backup_code" },
          // Hostile: no strategy, a number for a strategy.
          {},
          { strategy: 7 },
        ];
        return Promise.resolve(signIn);
      }
      if (signIn.identifier === "link-only@example.test") {
        signIn.status = "needs_second_factor";
        signIn.supportedSecondFactors = [{ strategy: "email_link", emailAddressId: "idn_fake" }];
        return Promise.resolve(signIn);
      }
      const session = makeSession("sess_code", "Code", "User", 1_900_000_000_000);
      fake.client.sessions = [...fake.client.sessions, session];
      Object.assign(signIn, { status: "complete", createdSessionId: session.id });
      return Promise.resolve(signIn);
    },
    prepareSecondFactor(params) {
      fake.signInLog.push(`prepare2 ${params.strategy} ${params.phoneNumberId}`);
      return Promise.resolve(signIn);
    },
    attemptSecondFactor(params) {
      fake.signInLog.push(`attempt2 ${params.strategy} ${params.code}`);
      if (params.code !== "424242") return Promise.reject(apiError("form_code_incorrect", "Incorrect code"));
      const session = makeSession("sess_2fa", "Two", "Factor", 1_900_000_000_000);
      fake.client.sessions = [...fake.client.sessions, session];
      Object.assign(signIn, { status: "complete", createdSessionId: session.id });
      return Promise.resolve(signIn);
    },
  };
  fake.client.signIn = signIn;
}

export function signInLog(fake) {
  return fake.signInLog ?? [];
}

// Replaces window.fetch with a recorder answering `"ok"` as JSON; each call's method, URL
// and Authorization header land in the returned log. restoreFetch() puts fetch back.
const realFetch = window.fetch;
export function recordFetches() {
  const log = [];
  window.fetch = (input, init) => {
    const request = new Request(input, init);
    log.push(`${request.method} ${new URL(request.url).pathname} ${request.headers.get("authorization")}`);
    return Promise.resolve(new Response('"ok"', { headers: { "content-type": "application/json" } }));
  };
  return log;
}
export function restoreFetch() {
  window.fetch = realFetch;
}
