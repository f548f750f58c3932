"""Operations: the journal of what ran (``Run``), the health endpoint, the status report and
the structured logs — what an administrator reads, above every stage of the pipeline."""
