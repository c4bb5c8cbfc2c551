/** AssumeRole failed at one hop of a chain; names the role and AWS's own words. */
export class AssumeRoleError extends Error {
  readonly roleArn: string;
  /** the AWS error code, e.g. AccessDenied, ExpiredToken, Throttling */
  readonly awsCode: string;
  readonly hop: number;
  /** whether trying again later can help (throttling, 5xx, network) */
  readonly retryable: boolean;

  constructor(
    roleArn: string,
    hop: number,
    awsCode: string,
    awsMessage: string,
    retryable: boolean,
  ) {
    super(`assuming ${roleArn} failed: ${awsCode}: ${awsMessage}`);
    this.name = 'AssumeRoleError';
    this.roleArn = roleArn;
    this.hop = hop;
    this.awsCode = awsCode;
    this.retryable = retryable;
  }
}
