import type { ParticipantNameRewrite } from '../store/participantNames.ts'

/**
 * "Remove my name" in the ballots of every round (non-anonymous results show voter names), in
 * the core store's transaction. Proxy ballots carry the name the facilitator typed, not a
 * participant's id, and stay.
 */
export const renameVoter: ParticipantNameRewrite = async (tx, participantId, replacement) => {
  await tx
    .updateTable('voting_ballots')
    .set({ voter_name: replacement })
    .where('voter_id', '=', participantId)
    .execute()
}
