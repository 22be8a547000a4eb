/** A profile with one mandatory requirement, PR.IR-01, so a plan's own findings are all there is to read. */
export const narrowProfile = `id: narrow
title: PR.IR-01 only
frameworks: [nist-csf-2.0]
requirements:
  - framework: nist-csf-2.0
    ids: [PR.IR-01]
    mandatory: true
`;
