export function run(command: string, env?: Record<string, string>): void;
export function ensureDependencies(): void;
export function ensureBuild(): void;
export function ensureChromium(): void;
