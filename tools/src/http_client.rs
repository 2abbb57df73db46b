//! A blocking HTTP/1.1 client over one keep-alive connection (hyper's client connection on a
//! single-threaded tokio runtime), for the `jsvm serve` tests and the warm-up benchmark.

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;

/// Why a request got no response.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("cannot start the client runtime: {0}")]
    Runtime(std::io::Error),
    #[error("cannot connect to {0}: {1}")]
    Connect(SocketAddr, std::io::Error),
    #[error("HTTP error: {0}")]
    Http(#[from] hyper::Error),
    #[error("bad request line: {0}")]
    Request(#[from] hyper::http::Error),
    #[error("no response within {0:?}")]
    TimedOut(std::time::Duration),
}

/// One connection to a server.
pub struct Client {
    rt: tokio::runtime::Runtime,
    sender: hyper::client::conn::http1::SendRequest<Empty<Bytes>>,
    addr: SocketAddr,
    timeout: std::time::Duration,
}

/// A response: its status code and body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
}

impl Answer {
    /// The body as text (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl Client {
    /// Connect to `addr`; a request that gets no response within `timeout` fails.
    pub fn connect(addr: SocketAddr, timeout: std::time::Duration) -> Result<Client, ClientError> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(ClientError::Runtime)?;
        let sender = rt.block_on(async {
            let stream = tokio::net::TcpStream::connect(addr)
                .await
                .map_err(|e| ClientError::Connect(addr, e))?;
            let _ = stream.set_nodelay(true);
            let (sender, conn) =
                hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
            // The connection's I/O runs as a task of this runtime, driven while a request waits.
            tokio::spawn(async move {
                let _ = conn.await;
            });
            Ok::<_, ClientError>(sender)
        })?;
        Ok(Client {
            rt,
            sender,
            addr,
            timeout,
        })
    }

    /// `GET path_and_query` (e.g. `/items?id=3`).
    pub fn get(&mut self, path_and_query: &str) -> Result<Answer, ClientError> {
        let req = hyper::Request::get(path_and_query)
            .header(hyper::header::HOST, self.addr.to_string())
            .body(Empty::<Bytes>::new())?;
        let sender = &mut self.sender;
        let exchange = async {
            sender.ready().await?;
            let res = sender.send_request(req).await?;
            let status = res.status().as_u16();
            let body = res.into_body().collect().await?.to_bytes().to_vec();
            Ok(Answer { status, body })
        };
        let timeout = self.timeout;
        self.rt
            .block_on(async { tokio::time::timeout(timeout, exchange).await })
            .unwrap_or(Err(ClientError::TimedOut(timeout)))
    }
}
