export function pageJavaScript(
  baseUrl: string,
  path: string,
  cookie?: string,
): Promise<{ path: string; status: number; files: number; inline: number; gzip: number }>;
export function loginCookie(baseUrl: string, email: string, password?: string): Promise<string>;
export const pageBudgetBytes: number;
