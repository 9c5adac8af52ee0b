import { Button, Form, Login, PasswordInput, required, useLogin, useNotify } from 'react-admin';

interface TokenForm {
  apiToken?: string;
}

/** Asks for a Strapi API token instead of a user name and password. */
const ApiTokenForm = () => {
  const login = useLogin();
  const notify = useNotify();

  const submit = (values: TokenForm) =>
    login(values).catch((error: Error) => notify(error.message, { type: 'error' }));

  return (
    <Form<TokenForm> onSubmit={submit}>
      <div style={{ padding: '0 1em 1em' }}>
        <PasswordInput
          source="apiToken"
          label="ar.auth.api_token"
          helperText="ar.auth.api_token_help"
          validate={required()}
          autoComplete="off"
          fullWidth
        />
        <Button type="submit" variant="contained" label="ra.auth.sign_in" fullWidth />
      </div>
    </Form>
  );
};

export const LoginPage = () => (
  <Login>
    <ApiTokenForm />
  </Login>
);
