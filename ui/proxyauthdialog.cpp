#include "proxyauthdialog.h"

#include "networkconfig.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkProxy>
#include <QPointer>
#include <QVBoxLayout>

ProxyAuthDialog::ProxyAuthDialog(const QNetworkProxy &proxy, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Proxy Authentication"));
    auto *text = new QLabel(tr("The proxy %1:%2 asks for a user name and password to reach GLEIF. "
                               "They are kept until the application closes.")
                                .arg(proxy.hostName(), QString::number(proxy.port())),
        this);
    text->setWordWrap(true);
    m_user = new QLineEdit(proxy.user(), this);
    m_user->setObjectName(QStringLiteral("proxyUser"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("proxyPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    auto *form = new QFormLayout;
    form->addRow(tr("&User name:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addLayout(form);
    layout->addWidget(buttons);
    if (!proxy.user().isEmpty())
        m_password->setFocus();
}

ProxyAuthDialog::~ProxyAuthDialog() = default;

QString ProxyAuthDialog::user() const
{
    return m_user->text();
}

QString ProxyAuthDialog::password() const
{
    return m_password->text();
}

void ProxyAuthDialog::installPrompt(QWidget *window)
{
    QPointer<QWidget> parent(window);
    NetworkConfig::setProxyCredentialsPrompt([parent](const QNetworkProxy &proxy, auto answer) {
        auto *dialog = new ProxyAuthDialog(proxy, parent);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        // open(), not exec(): NetworkConfig waits for the answer, whichever connection asked.
        QObject::connect(dialog, &QDialog::finished, dialog, [dialog, answer](int result) {
            if (result == QDialog::Accepted)
                answer(NetworkConfig::ProxyCredentials { dialog->user(), dialog->password() });
            else
                answer(std::nullopt);
        });
        // Closed with its window: declined (a second answer is ignored).
        QObject::connect(dialog, &QObject::destroyed, [answer] { answer(std::nullopt); });
        dialog->open();
    });
}
