#include "networkconfig.h"

#include "gleiflog.h"
#include "gleifsettings.h"

#include <QAuthenticator>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QNetworkRequest>
#include <QPointer>
#include <QSet>

namespace NetworkConfig {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("NetworkConfig", text);
}

QString proxyKey(const QNetworkProxy &proxy)
{
    return proxy.hostName() + u':' + QString::number(proxy.port());
}

// A question to the user in progress (one per proxy), and the event loops waiting for it.
struct Question
{
    bool answered = false;
    std::optional<ProxyCredentials> answer;
    QList<QEventLoop *> waiting;
};

// All on the thread of the managers (the GUI thread): Qt delivers proxyAuthenticationRequired
// there.
struct Session
{
    ProxyCredentialsPrompt prompt;
    QHash<QString, ProxyCredentials> remembered; // per proxy, for this session only
    QHash<QString, std::shared_ptr<Question>> questions;
};

Session &session()
{
    static Session s;
    return s;
}

// Waits (a local event loop: Qt's HTTP thread waits for this slot anyway) until the user has
// answered. Qt 6.4 holds a connection's other requests while its proxy asks, but two managers
// (lookups and a download) may ask at once: both wait for the same one question.
std::optional<ProxyCredentials> ask(const QNetworkProxy &proxy)
{
    Session &s = session();
    const QString key = proxyKey(proxy);
    std::shared_ptr<Question> question = s.questions.value(key);
    if (!question) {
        question = std::make_shared<Question>();
        s.questions.insert(key, question);
        s.prompt(proxy, [question](std::optional<ProxyCredentials> answer) {
            if (question->answered)
                return;
            question->answered = true;
            question->answer = std::move(answer);
            for (QEventLoop *loop : std::as_const(question->waiting))
                loop->quit();
        });
    }
    if (!question->answered) {
        QEventLoop loop;
        question->waiting.append(&loop);
        loop.exec();
        question->waiting.removeOne(&loop);
    }
    if (s.questions.value(key) == question)
        s.questions.remove(key);
    return question->answer;
}

// Per manager, that is per run: what this manager was given already. Credentials asked for
// again after being given were refused by the proxy; they are not offered again (Qt would ask
// forever), and the user is asked at most once per run: a wrong answer ends the run's lookups
// as "proxy authentication required".
class ProxyAuthHandler final : public QObject
{
public:
    explicit ProxyAuthHandler(QNetworkAccessManager *manager)
        : QObject(manager)
    {
        connect(manager, &QNetworkAccessManager::proxyAuthenticationRequired, this,
            [this](const QNetworkProxy &proxy, QAuthenticator *authenticator) {
                onRequired(proxy, authenticator);
            });
    }

private:
    void onRequired(const QNetworkProxy &proxy, QAuthenticator *authenticator)
    {
        Session &s = session();
        const QString key = proxyKey(proxy);
        const bool asking = s.questions.contains(key);
        if (!asking) {
            if (!m_offered.contains(key) && s.remembered.contains(key)) {
                offer(key, s.remembered.value(key), authenticator);
                return;
            }
            if (m_offered.contains(key)) {
                qCInfo(lcGleif) << "proxy" << key << "refused the credentials";
                s.remembered.remove(key);
            }
            if (!s.prompt || m_asked.contains(key))
                return; // Qt ends the request with ProxyAuthenticationRequiredError
        }
        m_asked.insert(key);
        const QPointer<ProxyAuthHandler> alive(this);
        const std::optional<ProxyCredentials> answer = ask(proxy);
        if (!alive || !answer) // the manager went away while the user was asked
            return;
        s.remembered.insert(key, *answer);
        offer(key, *answer, authenticator);
    }

    void offer(const QString &key, const ProxyCredentials &credentials, QAuthenticator *authenticator)
    {
        m_offered.insert(key);
        authenticator->setUser(credentials.user);
        authenticator->setPassword(credentials.password);
    }

    QSet<QString> m_offered;
    QSet<QString> m_asked;
};

} // namespace

CaBundle loadCaBundle(const QString &path)
{
    CaBundle bundle;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        bundle.unreadable = true;
        bundle.error = tr("%1: cannot read the CA bundle (%2)").arg(path, file.errorString());
        return bundle;
    }
    // A PEM bundle may hold any number of certificates, with text between them.
    bundle.certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (bundle.certificates.isEmpty())
        bundle.error = tr("%1: the CA bundle holds no PEM certificate").arg(path);
    return bundle;
}

Setup setUp(QNetworkAccessManager *manager, const GleifSettings &settings)
{
    // Qt 6.4 on Linux asks libproxy, which reads the desktop's settings and https_proxy /
    // http_proxy / no_proxy (credentials percent-decoded): nothing to parse here. Once: it
    // replaces the process-wide factory.
    static const bool systemProxy = [] {
        QNetworkProxyFactory::setUseSystemConfiguration(true);
        return true;
    }();
    Q_UNUSED(systemProxy)
    manager->setProxy(settings.proxy);

    Setup setup;
    setup.tls = QSslConfiguration::defaultConfiguration();
    if (settings.caBundlePath.isEmpty())
        return setup;
    const CaBundle bundle = loadCaBundle(settings.caBundlePath);
    if (!bundle.error.isEmpty()) {
        setup.error = bundle.error;
        return setup;
    }
    // In addition to the system's: adding to the default configuration would switch off the
    // on-demand loading of the system's CAs and trust the bundle alone.
    setup.tls.setCaCertificates(QSslConfiguration::systemCaCertificates() + bundle.certificates);
    return setup;
}

void attach(QNetworkAccessManager *manager)
{
    new ProxyAuthHandler(manager);
}

void prepare(QNetworkRequest &request, const Setup &setup)
{
    request.setSslConfiguration(setup.tls);
}

void setProxyCredentialsPrompt(ProxyCredentialsPrompt prompt)
{
    session().prompt = std::move(prompt);
}

void forgetProxyCredentials()
{
    session().remembered.clear();
}

} // namespace NetworkConfig
