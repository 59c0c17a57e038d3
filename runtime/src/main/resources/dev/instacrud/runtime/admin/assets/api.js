// Talking to the service. The access and refresh tokens live in this module and in sessionStorage (gone when the tab
// closes; never localStorage, never a cookie). A 401 is answered by one transparent refresh; when that fails too the
// user is sent to sign-in. A 429 says when to retry, and every other error is the server's problem+json.
//
// Refreshing: the service rotates the refresh token at each use and treats a second use of a spent one as theft,
// ending the whole session (reuse detection). So a tab never has two refreshes in flight, and tabs that hold the same
// session (a duplicated tab copies sessionStorage) take turns through a Web Lock: before spending its token, a tab
// asks the others over a BroadcastChannel whether one already spent it, and takes the pair that one got instead.
// A tab answers only to the SHA-256 of a token it spent itself or replaced. Without Web Locks (an insecure context)
// each tab refreshes on its own; a collision then ends the session, and both tabs go to sign-in with a notice.

const ACCESS = "instacrud.admin.access";
const REFRESH = "instacrud.admin.refresh";
const ASK_WAIT_MS = 150; // how long a refresh waits for another tab to say it already spent the token
let accessToken = sessionStorage.getItem(ACCESS);
let refreshToken = sessionStorage.getItem(REFRESH);
let onSignedOut = () => {};
let refreshing = null; // the refresh in flight in this tab
const spent = new Set(); // SHA-256 of the refresh tokens of this session that this tab saw replaced
const etags = new Map(); // document URL -> the ETag of its last response, sent back as If-Match on writes
// Web Locks, BroadcastChannel and SubtleCrypto all exist only in a secure context (https, or http on localhost)
const channel = window.isSecureContext && navigator.locks && crypto.subtle && typeof BroadcastChannel === "function"
  ? new BroadcastChannel("instacrud.admin.sessions") : null;

/** An answer other than 2xx: status, the problem+json body, and Retry-After for a 429. */
export class ApiError extends Error {
  constructor(status, problem, retryAfter, anonymous) {
    super(explain(status, problem, retryAfter, anonymous));
    this.status = status;
    this.problem = problem || {};
    this.retryAfter = retryAfter;
    this.errors = (problem && Array.isArray(problem.errors)) ? problem.errors : [];
  }
}

/**
 * What a status means to a person, with the server's own detail. anonymous: a request made without the session's
 * token (sign-in, sign-up, links from mail), whose 401 and 403 are about what was sent, not about a session.
 */
export function explain(status, problem, retryAfter, anonymous) {
  const detail = problem && typeof problem.detail === "string" ? problem.detail : "";
  switch (status) {
    case 400:
      return "The server refused the request: " + (detail || "bad request") + ".";
    case 401:
      return anonymous && detail ? detail + "." : "Your session has ended. Please sign in again.";
    case 403:
      if (anonymous && detail) return detail + ".";
      return "Your role does not allow this." + (detail ? " (" + detail + ")" : "");
    case 404:
      return "Not found: it does not exist, or it is not yours to see.";
    case 409:
      return "Conflict: " + (detail || "the change clashes with other data") + ".";
    case 412:
      return "Someone changed this document after you opened it, so your change was not saved. "
        + "Reload it to see the current version, then make your change again.";
    case 413:
      return "The request is too large.";
    case 422:
      return "Some values are not valid" + (detail ? ": " + detail : "") + ".";
    case 428:
      return "The server needs to know which version you edited. Reload the document and try again.";
    case 429:
      return "Too many requests. Try again in " + (retryAfter || "a few") + " seconds.";
    default:
      return status >= 500
        ? "The server could not answer (" + status + "). Try again later."
        : "The request failed (" + status + ")" + (detail ? ": " + detail : "") + ".";
  }
}

/** The ETag of the last response for this document URL (e.g. "/api/v1/wards/<id>"), or null. */
export function etagOf(path) {
  return etags.get(path) || null;
}

export function signedIn() {
  return accessToken !== null;
}

/** Keeps the tokens of a sign-in or a password change ({access_token, refresh_token}): a session of its own. */
export function keepTokens(answer) {
  spent.clear();
  store(answer);
}

function store(answer) {
  accessToken = answer.access_token;
  sessionStorage.setItem(ACCESS, accessToken);
  if (answer.refresh_token) {
    refreshToken = answer.refresh_token;
    sessionStorage.setItem(REFRESH, refreshToken);
  }
}

/** Forgets the tokens (sign-out, or a refused token). */
export function forgetTokens() {
  accessToken = null;
  refreshToken = null;
  spent.clear();
  sessionStorage.removeItem(ACCESS);
  sessionStorage.removeItem(REFRESH);
  etags.clear();
}

/** What to do when the service refuses the session: go back to sign-in. */
export function whenSignedOut(handler) {
  onSignedOut = handler;
}

/**
 * One request. opts: {query: {name: value}, body, contentType, headers, anonymous (sent without the session's token),
 * quiet (a refused session is forgotten without going to sign-in)}. Resolves to the parsed JSON body (or null);
 * rejects with ApiError.
 */
export async function api(method, path, opts) {
  const options = opts || {};
  let response = await send(method, path, options);
  if (response.status === 401 && !options.anonymous && refreshToken && await refresh()) {
    response = await send(method, path, options);
  }
  const text = await response.text();
  let body = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch (e) {
      body = null;
    }
  }
  if (!response.ok) {
    const retryAfter = response.headers.get("Retry-After");
    if (response.status === 401 && !options.anonymous) {
      forgetTokens();
      if (!options.quiet) onSignedOut();
    }
    throw new ApiError(response.status, body, retryAfter, options.anonymous);
  }
  const etag = response.headers.get("ETag");
  const url = documentUrl(method, path, response);
  if (url && etag) etags.set(url, etag);
  if (url && method === "DELETE") etags.delete(url);
  return body;
}

function documentUrl(method, path, response) {
  if (method === "POST") {
    const location = response.headers.get("Location");
    return location ? new URL(location, window.location.origin).pathname : null;
  }
  return path;
}

async function send(method, path, options) {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(options.query || {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(name, String(value));
  }
  const headers = { Accept: "application/json" };
  if (accessToken && !options.anonymous) headers.Authorization = "Bearer " + accessToken;
  if (options.body !== undefined) headers["Content-Type"] = options.contentType || "application/json";
  if (options.headers) Object.assign(headers, options.headers);
  // a write names the version last read, unless its caller names the one it showed (an edit form)
  if ((method === "PUT" || method === "PATCH" || method === "DELETE") && !headers["If-Match"] && etags.has(path)) {
    headers["If-Match"] = etags.get(path);
  }
  return fetch(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: "same-origin",
    cache: "no-store",
  });
}

// Every request of this tab that meets a 401 waits for the same refresh.
function refresh() {
  if (!refreshing) {
    const token = refreshToken;
    const turn = () => rotate(token);
    refreshing = (channel ? navigator.locks.request("instacrud.admin.refresh", turn) : turn())
      .catch(() => false)
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

async function rotate(token) {
  if (refreshToken !== token) return refreshToken !== null; // replaced while this tab waited for its turn
  const id = channel ? await digest(token) : null;
  const fromAnotherTab = id ? await askOtherTabs(id) : null;
  if (refreshToken !== token) return refreshToken !== null;
  if (fromAnotherTab) {
    spent.add(id);
    store(fromAnotherTab);
    return true;
  }
  const response = await fetch("/api/v1/auth/refresh", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ refresh_token: token }),
    credentials: "same-origin",
    cache: "no-store",
  });
  if (!response.ok) return false;
  const pair = await response.json();
  if (refreshToken !== token) return refreshToken !== null; // signed out or in again meanwhile: keep that
  if (id) spent.add(id);
  store(pair);
  return true;
}

async function digest(token) {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// Asks the other tabs whether one of them spent this token (by its SHA-256); resolves to that tab's pair, or null.
function askOtherTabs(id) {
  return new Promise((resolve) => {
    const answer = (event) => {
      const message = event.data || {};
      if (message.type === "spent" && message.id === id && message.pair && message.pair.access_token) {
        finish(message.pair);
      }
    };
    const finish = (pair) => {
      clearTimeout(timer);
      channel.removeEventListener("message", answer);
      resolve(pair);
    };
    const timer = setTimeout(() => finish(null), ASK_WAIT_MS);
    channel.addEventListener("message", answer);
    channel.postMessage({ type: "spent?", id });
  });
}

if (channel) {
  channel.addEventListener("message", (event) => {
    const message = event.data || {};
    if (message.type === "spent?" && spent.has(message.id) && accessToken && refreshToken) {
      channel.postMessage({ type: "spent", id: message.id, pair: { access_token: accessToken, refresh_token: refreshToken } });
    }
  });
}
