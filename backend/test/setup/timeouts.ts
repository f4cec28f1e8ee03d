// Integration tests start whole apps, hash passwords and talk to real databases: on a busy machine (CI beside other
// work) Jest's 5 s default per test is too tight. A test that needs longer still says so itself.
jest.setTimeout(30_000);
