// Makes RS256 keys and tokens with WebCrypto, for the verification tests: the JWKS is
// served as a data: URL, so no server is involved.

const encoder = new TextEncoder();

function base64url(bytes) {
  let text = "";
  for (const byte of new Uint8Array(bytes)) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const encodeJson = (value) => base64url(encoder.encode(JSON.stringify(value)));

export async function makeSigner(kid) {
  const pair = await crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"],
  );
  const jwk = await crypto.subtle.exportKey("jwk", pair.publicKey);
  return { kid, jwk: { kty: jwk.kty, n: jwk.n, e: jwk.e, kid, alg: "RS256", use: "sig" }, privateKey: pair.privateKey };
}

export function jwksUrl(signer) {
  return "data:application/json," + encodeURIComponent(JSON.stringify({ keys: [signer.jwk] }));
}

// header and payload are JSON strings, so the Rust side can build them with serde_json.
export async function signToken(signer, header, payload) {
  const input = encodeJson(JSON.parse(header)) + "." + encodeJson(JSON.parse(payload));
  const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", signer.privateKey, encoder.encode(input));
  return input + "." + base64url(signature);
}

export function encodePart(json) {
  return encodeJson(JSON.parse(json));
}
