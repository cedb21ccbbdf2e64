//! Reading messages off the sockets leniently. `jupyter-zmq-client` checks the framing and the
//! HMAC signature (`RawMessage::from_multipart`); here the JSON parts are decoded with defaults
//! for the optional fields clients leave out, so that one odd message is answered or logged,
//! never fatal to the message loop.

use bytes::Bytes;
use jupyter_protocol::{Header, JupyterMessage, JupyterMessageContent, Media, UnknownMessage};
use jupyter_zmq_client::{Connection, RawMessage, RuntimeError};
use serde_json::{json, Map, Value};

/// Why a message could not be read.
pub enum ReadError {
    /// The socket itself failed (a peer went away); nothing to answer.
    Socket(String),
    /// The HMAC signature did not match: the message is dropped unread.
    BadSignature,
    /// The framing or the JSON is broken. When the header could be read, `request` holds it
    /// and the routing identities, so that a reply can still say what went wrong.
    Malformed { request: Option<Box<(Header, Vec<Bytes>)>>, reason: String },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Socket(e) => write!(f, "socket error: {e}"),
            ReadError::BadSignature => write!(f, "a message with an invalid signature was ignored"),
            ReadError::Malformed { request: Some(r), reason } => write!(f, "malformed {} message: {reason}", r.0.msg_type),
            ReadError::Malformed { request: None, reason } => write!(f, "malformed message: {reason}"),
        }
    }
}

/// Read the next message from a kernel socket.
pub async fn read<S: zeromq::SocketRecv>(conn: &mut Connection<S>) -> Result<JupyterMessage, ReadError> {
    let frames = conn.socket.recv().await.map_err(|e| ReadError::Socket(e.to_string()))?;
    let raw = RawMessage::from_multipart(frames, &conn.mac).map_err(|e| match e {
        RuntimeError::VerifyError(_) | RuntimeError::DecodeError(_) => ReadError::BadSignature,
        other => ReadError::Malformed { request: None, reason: other.to_string() },
    })?;
    decode(raw)
}

/// Decode the JSON parts of a verified message.
pub fn decode(raw: RawMessage) -> Result<JupyterMessage, ReadError> {
    let header: Header =
        serde_json::from_slice(&raw.jparts[0]).map_err(|e| ReadError::Malformed { request: None, reason: format!("bad header: {e}") })?;
    let malformed = |reason: String| ReadError::Malformed { request: Some(Box::new((header.clone(), raw.zmq_identities.clone()))), reason };
    let parent_header = serde_json::from_slice::<Header>(&raw.jparts[1]).ok();
    let metadata = match serde_json::from_slice::<Value>(&raw.jparts[2]) {
        Ok(v @ Value::Object(_)) => v,
        _ => json!({}),
    };
    let mut content: Value = serde_json::from_slice(&raw.jparts[3]).map_err(|e| malformed(format!("content is not JSON: {e}")))?;
    let Value::Object(fields) = &mut content else {
        return Err(malformed("content is not a JSON object".into()));
    };
    fill_defaults(&header.msg_type, fields);
    let content = if header.msg_type == "history_request" {
        // Read by `History::query` field by field: every field is optional there.
        JupyterMessageContent::UnknownMessage(UnknownMessage { msg_type: header.msg_type.clone(), content })
    } else {
        JupyterMessageContent::from_type_and_content(&header.msg_type, content).map_err(|e| malformed(e.to_string()))?
    };
    Ok(JupyterMessage {
        zmq_identities: raw.zmq_identities,
        header,
        parent_header,
        metadata,
        content,
        buffers: raw.jparts.get(4..).map(|b| b.to_vec()).unwrap_or_default(),
        channel: None,
    })
}

/// The defaults of the protocol's optional request fields, where the message types of
/// `jupyter-protocol` require them.
fn fill_defaults(msg_type: &str, fields: &mut Map<String, Value>) {
    let defaults: &[(&str, Value)] = match msg_type {
        "execute_request" => &[
            ("silent", Value::Bool(false)),
            ("store_history", Value::Bool(true)),
            ("user_expressions", json!({})),
            ("allow_stdin", Value::Bool(true)),
            ("stop_on_error", Value::Bool(true)),
        ],
        "complete_request" | "inspect_request" => {
            let len = fields.get("code").and_then(Value::as_str).map(|c| c.chars().count()).unwrap_or(0);
            if msg_type == "inspect_request" {
                fields.entry("detail_level").or_insert(json!(0));
            }
            fields.entry("cursor_pos").or_insert(json!(len));
            &[]
        }
        "is_complete_request" => &[("code", Value::String(String::new()))],
        "shutdown_request" => &[("restart", Value::Bool(false))],
        "comm_info_request" => &[],
        _ => &[],
    };
    for (k, v) in defaults {
        match fields.get(*k) {
            Some(Value::Null) | None => {
                fields.insert(k.to_string(), v.clone());
            }
            Some(_) => {}
        }
    }
}

/// A MIME bundle as the protocol's `Media`.
pub fn media(bundle: &[(String, String)]) -> Media {
    let mut map = Map::new();
    for (mime, content) in bundle {
        let value = if mime.ends_with("json") {
            serde_json::from_str(content).unwrap_or_else(|_| Value::String(content.clone()))
        } else {
            Value::String(content.clone())
        };
        map.insert(mime.clone(), value);
    }
    serde_json::from_value(Value::Object(map)).unwrap_or_default()
}

/// The ZeroMQ topic an IOPub message is published under, as ipykernel names them.
pub fn topic(kernel_id: &str, msg: &JupyterMessage) -> Bytes {
    match &msg.content {
        JupyterMessageContent::StreamContent(s) => {
            let name = match s.name {
                jupyter_protocol::Stdio::Stdout => "stdout",
                jupyter_protocol::Stdio::Stderr => "stderr",
            };
            Bytes::from(format!("stream.{name}"))
        }
        other => Bytes::from(format!("kernel.{kernel_id}.{}", other.message_type())),
    }
}

/// Convert a position in Unicode code points (the protocol's unit) to a byte offset of `s`.
pub fn byte_offset(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map(|(b, _)| b).unwrap_or(s.len())
}

/// Convert a byte offset of `s` to a position in Unicode code points.
pub fn char_offset(s: &str, byte: usize) -> usize {
    let mut b = byte.min(s.len());
    while !s.is_char_boundary(b) {
        b -= 1;
    }
    s[..b].chars().count()
}
