"""The strategy as documents to hand over: a branded PDF and an Excel KPI plan."""
