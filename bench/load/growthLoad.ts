export interface GrowthPlan {
  todo: true
}
export async function runGrowth(_plan: GrowthPlan): Promise<null> {
  return null
}
