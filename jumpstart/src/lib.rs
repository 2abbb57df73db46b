//! jsvm-jumpstart: the Jump-Start `.jsp` profile format, its validation, modes and policy (Ottoni & Liu, CGO 2021).
