//! The visitor's mail, sent by the hub once a lead reaches it: composed
//! from the current pack in the visitor's language, queued with the lead
//! (a transactional outbox), sent by a worker with retries, backoff and a
//! rate limit, at most once per lead.

pub mod compose;
pub mod settings;
mod worker;

use std::sync::Arc;

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use uuid::Uuid;

pub use settings::{MailSettings, PublicUrl, SmtpSecurity, SmtpServer};
pub use worker::{Outcome, run_worker, send_due};

use crate::links::LinkKey;
use crate::packs::current::PackTexts;

/// What the worker and the pages share: how to send, sign and read.
pub struct Mailer {
    settings: MailSettings,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    pub keys: LinkKey,
    pub pack: Arc<PackTexts>,
    /// Woken when leads are queued, so a mail leaves at once.
    pub queued: tokio::sync::Notify,
    /// Whether the last attempt to send failed for now: the log says when
    /// sending starts failing and when it works again, not every retry.
    pub(crate) failing: std::sync::atomic::AtomicBool,
}

impl Mailer {
    pub fn new(
        settings: MailSettings,
        keys: LinkKey,
        pack: Arc<PackTexts>,
    ) -> anyhow::Result<Mailer> {
        let transport = transport(&settings)?;
        Ok(Mailer {
            settings,
            transport,
            keys,
            pack,
            queued: tokio::sync::Notify::new(),
            failing: std::sync::atomic::AtomicBool::new(false),
        })
    }

    pub fn settings(&self) -> &MailSettings {
        &self.settings
    }

    /// The visitor's own page for lead `lead`.
    pub fn visitor_page(&self, lead: Uuid) -> url::Url {
        visitor_page(&self.settings.public_url, &self.keys, lead)
    }

    /// Where the visitor confirms the newsletter of lead `lead`.
    pub fn newsletter_page(&self, lead: Uuid) -> url::Url {
        let mut url = self.visitor_page(lead);
        url.path_segments_mut()
            .map(|mut segments| {
                segments.push("newsletter");
            })
            .ok();
        url
    }

    /// Hands one mail to the SMTP server: Ok once the server accepted it.
    async fn send(&self, message: Message) -> Result<(), lettre::transport::smtp::Error> {
        self.transport.send(message).await.map(|_| ())
    }
}

/// `<public>/visitor/<token>`.
pub fn visitor_page(public_url: &PublicUrl, keys: &LinkKey, lead: Uuid) -> url::Url {
    public_url.join(&format!("visitor/{}", keys.visitor_token(lead)))
}

fn transport(settings: &MailSettings) -> anyhow::Result<AsyncSmtpTransport<Tokio1Executor>> {
    let smtp = &settings.smtp;
    let tls_parameters = || -> anyhow::Result<TlsParameters> {
        let mut builder = TlsParameters::builder(smtp.host.clone());
        if let Some(path) = &settings.smtp_ca_file {
            let pem = std::fs::read(path)
                .map_err(|error| anyhow::anyhow!("--smtp-ca-file {}: {error}", path.display()))?;
            let certificate = Certificate::from_pem(&pem).map_err(|error| {
                anyhow::anyhow!(
                    "--smtp-ca-file {}: not a PEM certificate: {error}",
                    path.display()
                )
            })?;
            builder = builder.add_root_certificate(certificate);
        }
        Ok(builder.build_rustls()?)
    };
    let tls = match smtp.security {
        SmtpSecurity::Tls => Tls::Wrapper(tls_parameters()?),
        SmtpSecurity::StartTls => Tls::Required(tls_parameters()?),
        SmtpSecurity::None => Tls::None,
    };
    // "Dangerous" only in that lettre sets no TLS itself: ours is set here.
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(smtp.host.as_str())
        .port(smtp.port)
        .tls(tls)
        .timeout(Some(settings.timeout));
    if let Some((user, password)) = &smtp.credentials {
        builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
    }
    Ok(builder.build())
}

/// The mail as it goes out: plain text and HTML alternatives, a
/// Message-ID made from the lead's id (a resend is recognisably the same
/// mail), in the visitor's language.
pub fn message(
    from: &Mailbox,
    lead: &city_core::leads::Lead,
    mail: &compose::VisitorMail,
) -> anyhow::Result<Message> {
    let to: Mailbox = lead
        .email
        .as_str()
        .parse()
        .map_err(|_| anyhow::anyhow!("the lead's address is not one SMTP can take"))?;
    Ok(Message::builder()
        .from(from.clone())
        .to(to)
        .subject(mail.subject.clone())
        .message_id(Some(format!(
            "<visitor-{}@{}>",
            lead.id,
            from.email.domain()
        )))
        .multipart(MultiPart::alternative_plain_html(
            mail.text.clone(),
            mail.html.clone(),
        ))?)
}
