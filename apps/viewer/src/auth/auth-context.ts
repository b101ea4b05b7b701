import { createContext, useContext } from "react";
import type { AuthState } from "./auth-state.ts";

export interface AuthContextValue {
  readonly state: AuthState;
  signOut(): void;
}

export const AuthContext = createContext<AuthContextValue>({
  state: { kind: "open" },
  signOut: () => {},
});

export function useAuth(): AuthContextValue {
  return useContext(AuthContext);
}
