/** Sign-in and creating the first admin. */
export const auth = {
  welcome: 'Welcome! Create the first administrator account to start answering customers.',
  signInIntro: 'Sign in to your inbox.',
  yourName: 'Your name',
  email: 'Email',
  password: 'Password',
  passwordNew: 'Password (at least 10 characters)',
  passwordTooShort: 'Choose a password of at least 10 characters.',
  wait: 'Please wait…',
  createAdmin: 'Create admin account',
  signIn: 'Sign in',
  failed: 'Something went wrong. Please try again.',
  offline: 'Cannot reach the server. Check your connection.',
  wrong: 'Email or password is not right.',
  tooMany: 'Too many attempts. Wait a minute and try again.',
  exists: 'An account already exists. Reload the page to sign in.',
};
