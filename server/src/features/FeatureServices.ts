/**
 * A typed key for something one feature provides and others use through a narrow port, e.g.
 * voting's round store that the shortlist and the control room read. The key lives with the
 * port's type (in the providing feature's folder, or in features/coreHooks.ts for the hooks the
 * core routes call), so a consumer names the port, not the feature's classes.
 */
export class ServiceKey<T> {
  declare private readonly type: T
  readonly name: string
  constructor(name: string) {
    this.name = name
  }
}

/** A key for hooks many features may contribute to (run in feature-list order). */
export class HookKey<T> {
  declare private readonly type: T
  readonly name: string
  constructor(name: string) {
    this.name = name
  }
}

/** The services and hooks of the running features (one per server). */
export class FeatureServices {
  private readonly services = new Map<ServiceKey<unknown>, unknown>()
  private readonly hooks = new Map<HookKey<unknown>, unknown[]>()

  provide<T>(key: ServiceKey<T>, service: T): void {
    if (this.services.has(key)) throw new Error(`service ${key.name} is provided twice`)
    this.services.set(key, service)
  }

  /** A service a feature needs; its provider must come earlier in features/index.ts. */
  get<T>(key: ServiceKey<T>): T {
    if (!this.services.has(key)) {
      throw new Error(`service ${key.name} is not provided: is its feature listed (earlier) in features/index.ts?`)
    }
    return this.services.get(key) as T
  }

  /** A service that may be absent (its feature not installed). */
  find<T>(key: ServiceKey<T>): T | undefined {
    return this.services.get(key) as T | undefined
  }

  contribute<T>(key: HookKey<T>, hook: T): void {
    const list = this.hooks.get(key) ?? []
    list.push(hook)
    this.hooks.set(key, list)
  }

  /** Every contribution to a hook, in feature-list order. */
  all<T>(key: HookKey<T>): readonly T[] {
    return (this.hooks.get(key) ?? []) as T[]
  }
}
