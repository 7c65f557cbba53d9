import { defineFeature, SIGNED_IN } from '../../app/feature.js';
import { AccessHistoryPage } from './AccessHistoryPage.js';
import { ChoosePasswordPage } from './ChoosePasswordPage.js';
import { ForgotPasswordPage } from './ForgotPasswordPage.js';
import { LoginPage } from './LoginPage.js';
import { OrganisationPage } from './OrganisationPage.js';
import { PATHS } from './paths.js';
import { ProfilePage } from './ProfilePage.js';
import { RegisterPage } from './RegisterPage.js';
import { EnrolmentPage, SecondFactorPage } from './SecondFactorPages.js';
import { en, fr } from './strings.js';
import { VerifyEmailPage } from './VerifyEmailPage.js';

export default defineFeature({
  name: 'identity',
  strings: { fr, en },
  pages: [
    { path: PATHS.login, element: <LoginPage /> },
    { path: PATHS.secondFactor, element: <SecondFactorPage /> },
    { path: PATHS.enrolment, element: <EnrolmentPage /> },
    { path: PATHS.register, element: <RegisterPage /> },
    { path: PATHS.verifyEmail, element: <VerifyEmailPage /> },
    { path: PATHS.forgotPassword, element: <ForgotPasswordPage /> },
    { path: PATHS.resetPassword, element: <ChoosePasswordPage key="reset" purpose="reset" /> },
    { path: PATHS.invitation, element: <ChoosePasswordPage key="invitation" purpose="invitation" /> },
    { path: PATHS.organisation, element: <OrganisationPage />, signedIn: true, menu: { label: 'organisation', roles: ['admin'] } },
    { path: PATHS.accessHistory, element: <AccessHistoryPage />, signedIn: true, menu: { label: 'accessHistory', roles: ['patient'] } },
    // Last: the profile ends the menu.
    { path: PATHS.profile, element: <ProfilePage />, signedIn: true, menu: { label: 'profile', roles: SIGNED_IN } },
  ],
});
