#pragma once

#include <QDialog>

class QLineEdit;
class QNetworkProxy;

// Asks for the user name and password a proxy demands. installPrompt() makes it the answer to
// every proxy that asks (NetworkConfig); what the user enters is kept in memory for the session,
// never written to the settings.
class ProxyAuthDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxyAuthDialog)
public:
    ProxyAuthDialog(const QNetworkProxy &proxy, QWidget *parent = nullptr);
    ~ProxyAuthDialog() override;

    QString user() const;
    QString password() const;

    // Dialogs open window-modal on `window` (while it exists).
    static void installPrompt(QWidget *window);

private:
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
};
